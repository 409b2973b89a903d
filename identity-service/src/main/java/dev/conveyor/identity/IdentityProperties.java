package dev.conveyor.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The identity provider's accounts, clients, signing key and issuer. Accounts and clients are named in
 * {@code application.yml}; their passwords and secrets come from the environment
 * ({@code CONVEYOR_IDENTITY_ACCOUNTS_ADA_PASSWORD}, {@code CONVEYOR_IDENTITY_CLIENTS_WAREHOUSE_SECRET}, ...).
 *
 * @param issuer the {@code iss} of every token and the base of the discovery document; resource servers must
 *     reach it under this URL (or be given the JWK set URI)
 * @param signingKeyFile a PEM (PKCS#8) RSA private key; created on first start when missing, so tokens stay
 *     valid across restarts; without it a new key is generated at every start
 * @param accessTokenTtl how long an access token is valid
 * @param accounts the people who sign in, by user name (the token's subject)
 * @param clients the applications that ask for tokens, by client id
 */
@Validated
@ConfigurationProperties("conveyor.identity")
public record IdentityProperties(
        @NotNull @DefaultValue("http://localhost:9000") URI issuer,
        @Nullable Path signingKeyFile,
        @NotNull @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue Map<String, @Valid Account> accounts,
        @DefaultValue Map<String, @Valid Client> clients) {

    /**
     * A person who signs in with a password.
     *
     * @param password the password, in clear (from the environment) or already encoded ({@code {bcrypt}...})
     * @param roles what the account may do
     */
    public record Account(@NotBlank String password, @NotEmpty Set<Role> roles) {}

    /**
     * An application asking for tokens. A client without a secret is public: it may only use the authorization
     * code flow, and only with PKCE. A client with a secret authenticates with it (HTTP Basic or form parameters).
     *
     * @param secret the client secret (from the environment), absent for a public client
     * @param grantTypes {@code authorization_code} (a person signs in) and/or {@code client_credentials} (the
     *     client acts as itself)
     * @param redirectUris where the authorization code flow may send the browser back to; a loopback IP address
     *     (127.0.0.1) matches any port
     * @param scopes the scopes the client may ask for ({@code openid} and {@code profile} for sign-in)
     * @param roles the roles of the client's own tokens (client credentials); a signed-in person's token carries
     *     that person's roles instead
     */
    public record Client(
            @Nullable String secret,
            @NotEmpty Set<String> grantTypes,
            @DefaultValue List<String> redirectUris,
            @DefaultValue Set<String> scopes,
            @DefaultValue Set<Role> roles) {}
}
