package dev.neonoauth.adapter.neon;

import java.util.Map;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.FieldMap;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Url;

/**
 * Neon's OAuth server (Ory Hydra). URLs are absolute, from discovery or configuration. Bodies come back raw because
 * their meaning depends on the status (RFC 6749 sections 5.1 and 5.2); {@link OAuthHttp} decodes them.
 */
interface NeonOAuthService {

    @GET
    Call<ResponseBody> discovery(@Url String url);

    /** Token (RFC 6749 section 3.2) or revocation (RFC 7009 section 2.1) request; {@code authorization} may be null. */
    @FormUrlEncoded
    @POST
    Call<ResponseBody> postForm(@Url String url, @FieldMap Map<String, String> form,
            @Header("Authorization") String authorization);

    @GET
    Call<ResponseBody> userinfo(@Url String url, @Header("Authorization") String bearer);
}
