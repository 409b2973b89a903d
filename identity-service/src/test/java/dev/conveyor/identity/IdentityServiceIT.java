package dev.conveyor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The identity provider as its clients see it: a real server, plain HTTP, tokens checked against its JWK set. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "conveyor.identity.issuer=" + IdentityServiceIT.ISSUER,
        "conveyor.identity.accounts.ada.password=ada-test-password",
        "conveyor.identity.accounts.grace.password=grace-test-password",
        "conveyor.identity.accounts.operator.password=operator-test-password",
        "conveyor.identity.accounts.admin.password=admin-test-password",
        "conveyor.identity.clients.warehouse.secret=warehouse-test-secret",
        "conveyor.identity.clients.tooling.secret=tooling-test-secret",
        "conveyor.identity.clients.loadtest.secret=loadtest-test-secret"})
class IdentityServiceIT {

    static final String ISSUER = "http://identity.conveyor.test";
    private static final String STOREFRONT_REDIRECT = "http://127.0.0.1:8080/login/oauth2/code/conveyor";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = new Browser(URI.create("http://localhost:" + port));
    }

    @Test
    void issuesAMachineClientATokenWithItsRolesSignedByAKeyOfTheJwkSet() {
        HttpResponse<String> response = clientCredentials("warehouse", "warehouse-test-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asInt()).isBetween(899, 900);
        Jwt token = jwkSetDecoder().decode(body.path("access_token").asString());
        assertThat(token.getSubject()).isEqualTo("warehouse");
        assertThat(token.getIssuer()).hasToString(ISSUER);
        assertThat(token.getClaimAsStringList("roles")).containsExactly("warehouse");
    }

    @Test
    void givesAToolingClientTheOperatorAndAdminRoles() {
        HttpResponse<String> response = clientCredentials("tooling", "tooling-test-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        Jwt token = jwkSetDecoder().decode(JSON.readTree(response.body()).path("access_token").asString());
        assertThat(token.getSubject()).isEqualTo("tooling");
        assertThat(token.getClaimAsStringList("roles")).containsExactly("admin", "operator");
    }

    @Test
    void refusesAWrongClientSecretWith401() {
        HttpResponse<String> response = clientCredentials("warehouse", "not-the-secret");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void aTokenSignedByAnotherKeyIsNotAcceptedByTheJwkSet() {
        String token = JSON.readTree(clientCredentials("warehouse", "warehouse-test-secret").body())
                .path("access_token").asString();
        String[] parts = token.split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"warehouse\"]", "\"admin\"]").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> jwkSetDecoder().decode(parts[0] + "." + forgedClaims + "." + parts[2]))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void signsACustomerInWithTheAuthorizationCodeFlowAndPkce() {
        String verifier = Browser.codeVerifier();
        String authorize = authorizeRequest(Map.of(
                "code_challenge", Browser.codeChallenge(verifier), "code_challenge_method", "S256"));

        HttpResponse<String> toSignIn = browser.get(authorize);
        assertThat(toSignIn.statusCode()).isEqualTo(302);
        assertThat(Browser.location(toSignIn).getPath()).isEqualTo("/login");

        URI backToAuthorize = browser.signIn("ada", "ada-test-password");
        HttpResponse<String> toStorefront = browser.get(backToAuthorize.toString());
        assertThat(toStorefront.statusCode()).isEqualTo(302);
        URI redirect = Browser.location(toStorefront);
        assertThat(redirect.toString()).startsWith(STOREFRONT_REDIRECT + "?");
        Map<String, String> answer = Browser.queryOf(redirect);
        assertThat(answer).containsEntry("state", "tour").containsKey("code");

        HttpResponse<String> tokens = browser.postForm("/oauth2/token", Map.of(
                "grant_type", "authorization_code",
                "code", answer.get("code"),
                "redirect_uri", STOREFRONT_REDIRECT,
                "client_id", "storefront",
                "code_verifier", verifier));

        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(tokens.body());
        Jwt accessToken = jwkSetDecoder().decode(body.path("access_token").asString());
        assertThat(accessToken.getSubject()).isEqualTo("ada");
        assertThat(accessToken.getClaimAsStringList("roles")).containsExactly("customer");
        Jwt idToken = jwkSetDecoder().decode(body.path("id_token").asString());
        assertThat(idToken.getSubject()).isEqualTo("ada");
        assertThat(idToken.getAudience()).containsExactly("storefront");
        assertThat(idToken.getClaimAsStringList("roles")).containsExactly("customer");
    }

    @Test
    void refusesAStorefrontCodeExchangeWithTheWrongVerifier() {
        String verifier = Browser.codeVerifier();
        browser.get(authorizeRequest(Map.of(
                "code_challenge", Browser.codeChallenge(verifier), "code_challenge_method", "S256")));
        URI backToAuthorize = browser.signIn("grace", "grace-test-password");
        String code = Browser.queryOf(Browser.location(browser.get(backToAuthorize.toString()))).get("code");

        HttpResponse<String> tokens = browser.postForm("/oauth2/token", Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", STOREFRONT_REDIRECT,
                "client_id", "storefront",
                "code_verifier", Browser.codeVerifier()));

        assertThat(tokens.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tokens.body()).path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void refusesTheStorefrontWithoutPkceEvenForASignedInCustomer() {
        browser.get(authorizeRequest(Map.of()));
        browser.signIn("ada", "ada-test-password");

        HttpResponse<String> response = browser.get(authorizeRequest(Map.of()));

        assertThat(response.statusCode()).isEqualTo(302);
        Map<String, String> answer = Browser.queryOf(Browser.location(response));
        assertThat(answer).containsEntry("error", "invalid_request").doesNotContainKey("code");
        assertThat(answer.get("error_description")).contains("code_challenge");
    }

    @Test
    void refusesAWrongPassword() {
        browser.get(authorizeRequest(Map.of("code_challenge", Browser.codeChallenge(Browser.codeVerifier()),
                "code_challenge_method", "S256")));

        URI next = browser.signIn("ada", "grace-test-password");

        assertThat(next.getPath()).isEqualTo("/login");
        assertThat(next.getQuery()).isEqualTo("error");
    }

    @Test
    void publishesItsIssuerAndJwkSetInTheDiscoveryDocument() {
        HttpResponse<String> response = browser.get("/.well-known/openid-configuration", "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode discovery = JSON.readTree(response.body());
        assertThat(discovery.path("issuer").asString()).isEqualTo(ISSUER);
        assertThat(discovery.path("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(discovery.path("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void answersHealthAndReadinessWithoutAToken() {
        HttpResponse<String> response = browser.get("/actuator/health", "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
        assertThat(browser.get("/actuator/health/readiness", "application/json").statusCode())
                .as("readiness, which docker compose probes").isEqualTo(200);
    }

    private HttpResponse<String> clientCredentials(String clientId, String secret) {
        return browser.postForm("/oauth2/token", Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String authorizeRequest(Map<String, String> extra) {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of(
                "response_type", "code",
                "client_id", "storefront",
                "redirect_uri", STOREFRONT_REDIRECT,
                "scope", "openid profile",
                "state", "tour"));
        parameters.putAll(extra);
        return "/oauth2/authorize?" + Browser.formBody(parameters);
    }

    /** A decoder that trusts only the keys the server publishes, as a resource server would. */
    private JwtDecoder jwkSetDecoder() {
        return NimbusJwtDecoder.withJwkSetUri("http://localhost:" + port + "/oauth2/jwks").build();
    }
}
