package dev.conveyor.identity;

import dev.conveyor.identity.IdentityProperties.Client;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.util.StringUtils;

/** Turns the configured clients into the authorization server's registered clients, refusing what makes no sense. */
final class RegisteredClients {

    /** The client setting that holds the roles of a client's own tokens (client credentials). */
    static final String ROLES_SETTING = "conveyor.roles";

    private static final Set<String> GRANT_TYPES = Set.of(
            AuthorizationGrantType.AUTHORIZATION_CODE.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());

    private RegisteredClients() {}

    static List<RegisteredClient> of(IdentityProperties properties, PasswordEncoder passwordEncoder) {
        return properties.clients().entrySet().stream()
                .map(entry -> registered(entry.getKey(), entry.getValue(), properties, passwordEncoder))
                .toList();
    }

    private static RegisteredClient registered(
            String clientId, Client client, IdentityProperties properties, PasswordEncoder passwordEncoder) {
        check(clientId, client);
        boolean confidential = StringUtils.hasText(client.secret());
        RegisteredClient.Builder builder = RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientName(clientId)
                .redirectUris(uris -> uris.addAll(client.redirectUris()))
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .authorizationGrantTypes(grants -> client.grantTypes().stream()
                        .map(AuthorizationGrantType::new)
                        .forEach(grants::add))
                .clientSettings(ClientSettings.builder()
                        // Public clients must use PKCE (confidential ones may); the storefront is first-party: no consent page.
                        .requireProofKey(!confidential)
                        .requireAuthorizationConsent(false)
                        .setting(ROLES_SETTING, client.roles().stream().map(Role::claimValue).collect(Collectors.toSet()))
                        .build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build());
        if (confidential) {
            builder.clientSecret(Secrets.encoded(client.secret(), passwordEncoder))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        } else {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        return builder.build();
    }

    private static void check(String clientId, Client client) {
        Set<String> unknown = client.grantTypes().stream()
                .filter(grant -> !GRANT_TYPES.contains(grant))
                .collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Client " + clientId + ": unsupported grant types " + unknown
                    + " (supported: " + GRANT_TYPES + ")");
        }
        boolean confidential = StringUtils.hasText(client.secret());
        if (!confidential && client.grantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())) {
            throw new IllegalStateException("Client " + clientId + " uses client_credentials but has no secret: set "
                    + "conveyor.identity.clients." + clientId + ".secret (CONVEYOR_IDENTITY_CLIENTS_"
                    + clientId.toUpperCase(Locale.ROOT) + "_SECRET)");
        }
        if (client.grantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())
                && client.redirectUris().isEmpty()) {
            throw new IllegalStateException("Client " + clientId + " uses authorization_code but has no redirect URI");
        }
    }

    /** The roles a client's own tokens carry. */
    static Set<String> roles(RegisteredClient client) {
        Set<String> roles = client.getClientSettings().getSetting(ROLES_SETTING);
        return roles == null ? Set.of() : roles;
    }
}
