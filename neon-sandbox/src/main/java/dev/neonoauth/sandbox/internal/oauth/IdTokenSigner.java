package dev.neonoauth.sandbox.internal.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neonoauth.sandbox.internal.store.SandboxStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs ID tokens with RS256 using a key generated when the sandbox first starts (kept in the store, so a persisted
 * sandbox keeps its key). The public half is published at {@code /.well-known/jwks.json}.
 */
public final class IdTokenSigner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    public IdTokenSigner(SandboxStore store) {
        try {
            String stored = store.meta("signing.key").orElse(null);
            if (stored == null) {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                KeyPair pair = gen.generateKeyPair();
                store.meta("signing.kid", "public:" + UUID.randomUUID());
                store.meta("signing.key", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
                stored = store.meta("signing.key").orElseThrow();
            }
            KeyFactory kf = KeyFactory.getInstance("RSA");
            privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(stored)));
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
            publicKey = (RSAPublicKey) kf.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            keyId = store.meta("signing.kid").orElseThrow();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the ID token signing key", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** A compact JWS (RS256) over the given claims. */
    public String sign(Map<String, Object> claims) {
        try {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "RS256");
            header.put("kid", keyId);
            header.put("typ", "JWT");
            String signingInput = Crypto.base64Url(JSON.writeValueAsBytes(header)) + "."
                    + Crypto.base64Url(JSON.writeValueAsBytes(claims));
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initSign(privateKey);
            sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Crypto.base64Url(sig.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign ID token", e);
        }
    }

    /** The JWK Set document, Hydra style. */
    public Map<String, Object> jwks() {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("use", "sig");
        key.put("kty", "RSA");
        key.put("kid", keyId);
        key.put("alg", "RS256");
        key.put("n", Crypto.base64Url(unsigned(publicKey.getModulus())));
        key.put("e", Crypto.base64Url(unsigned(publicKey.getPublicExponent())));
        return Map.of("keys", List.of(key));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
