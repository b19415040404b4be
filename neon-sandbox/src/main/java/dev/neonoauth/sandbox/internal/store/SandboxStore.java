package dev.neonoauth.sandbox.internal.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The sandbox's state: named tables of JSON documents in an H2 MVStore, which lives in memory by default or in a
 * file when persistence is asked for (so a CLI can sign in once and reuse its tokens across sandbox runs).
 * No JDBC is involved. Every write to a file-backed store is committed at once.
 */
public final class SandboxStore implements AutoCloseable {

    private final MVStore store;
    private final boolean persistent;
    private final ObjectMapper json;
    private final MVMap<String, String> meta;

    private SandboxStore(MVStore store, boolean persistent) {
        this.store = store;
        this.persistent = persistent;
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.meta = store.openMap("sandbox.meta");
    }

    /** An in-memory store. */
    public static SandboxStore inMemory() {
        return new SandboxStore(new MVStore.Builder().open(), false);
    }

    /**
     * A store kept in an MVStore file (created when missing). The file holds live tokens and the ID-token signing key,
     * so it is owner-only: on a POSIX file system it is created with mode 0600 before MVStore opens it, and an existing
     * file readable or writable by group or others is tightened to owner-only. Missing parent directories are created
     * with mode 0700; an existing parent directory is left as it is.
     */
    public static SandboxStore file(Path file) {
        Path absolute = file.toAbsolutePath();
        OwnerOnlyFiles.prepare(absolute);
        return new SandboxStore(new MVStore.Builder().fileName(absolute.toString()).open(), true);
    }

    public boolean isPersistent() {
        return persistent;
    }

    public <T> Table<T> table(String name, Class<T> type) {
        return new Table<>(store.openMap(name), type);
    }

    public Optional<String> meta(String key) {
        return Optional.ofNullable(meta.get(key));
    }

    public void meta(String key, String value) {
        meta.put(key, value);
        commit();
    }

    void commit() {
        if (persistent) {
            store.commit();
        }
    }

    @Override
    public void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }

    /** A map from id to a JSON-serialised record. */
    public final class Table<T> {
        private final MVMap<String, String> map;
        private final Class<T> type;

        private Table(MVMap<String, String> map, Class<T> type) {
            this.map = map;
            this.type = type;
        }

        public Optional<T> get(String id) {
            String doc = map.get(id);
            return doc == null ? Optional.empty() : Optional.of(read(doc));
        }

        public void put(String id, T value) {
            map.put(id, write(value));
            commit();
        }

        public void remove(String id) {
            map.remove(id);
            commit();
        }

        public List<T> values() {
            List<T> out = new ArrayList<>(map.size());
            for (String doc : map.values()) {
                out.add(read(doc));
            }
            return out;
        }

        public int size() {
            return map.size();
        }

        public void clear() {
            map.clear();
            commit();
        }

        private T read(String doc) {
            try {
                return json.readValue(doc, type);
            } catch (IOException e) {
                throw new UncheckedIOException("corrupt " + type.getSimpleName() + " record in " + map.getName(), e);
            }
        }

        private String write(T value) {
            try {
                return json.writeValueAsString(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
