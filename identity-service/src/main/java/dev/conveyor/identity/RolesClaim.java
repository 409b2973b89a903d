package dev.conveyor.identity;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts the {@code roles} claim into every access token and ID token: a signed-in person's roles (the subject is
 * their user name, the customer's id), or for client credentials the client's own roles (the subject is the client id).
 */
@Component
class RolesClaim implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String CLAIM = "roles";

    private static final Set<String> ROLE_AUTHORITIES = Arrays.stream(Role.values())
            .map(Role::authority)
            .collect(Collectors.toUnmodifiableSet());

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        Set<String> roles = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                ? RegisteredClients.roles(context.getRegisteredClient())
                : rolesOf(context.getPrincipal());
        context.getClaims().claim(CLAIM, new TreeSet<>(roles));
    }

    private static Set<String> rolesOf(Authentication user) {
        return user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(ROLE_AUTHORITIES::contains)
                .map(authority -> Role.valueOf(authority.substring("ROLE_".length())).claimValue())
                .collect(Collectors.toSet());
    }
}
