package dev.conveyor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.identity.IdentityProperties.Client;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class RegisteredClientsTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void aClientWithoutSecretIsPublicAndMustUsePkce() {
        RegisteredClient storefront = only(Map.of("storefront", new Client(null, Set.of("authorization_code"),
                List.of("http://127.0.0.1:8080/login/oauth2/code/conveyor"), Set.of("openid"), Set.of())));

        assertThat(storefront.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
        assertThat(storefront.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(storefront.getClientSecret()).isNull();
    }

    @Test
    void aMachineClientKeepsItsSecretEncodedAndItsRoles() {
        RegisteredClient warehouse = only(Map.of("warehouse",
                new Client("s3cret", Set.of("client_credentials"), List.of(), Set.of(), Set.of(Role.WAREHOUSE))));

        assertThat(warehouse.getClientSecret()).startsWith("{bcrypt}");
        assertThat(encoder.matches("s3cret", warehouse.getClientSecret())).isTrue();
        assertThat(RegisteredClients.roles(warehouse)).containsExactly("warehouse");
        assertThat(warehouse.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void refusesClientCredentialsWithoutASecretNamingTheVariableToSet() {
        Map<String, Client> clients = Map.of("warehouse",
                new Client("", Set.of("client_credentials"), List.of(), Set.of(), Set.of(Role.WAREHOUSE)));

        assertThatThrownBy(() -> only(clients))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONVEYOR_IDENTITY_CLIENTS_WAREHOUSE_SECRET");
    }

    @Test
    void refusesAnUnsupportedGrantType() {
        Map<String, Client> clients = Map.of("legacy",
                new Client("s3cret", Set.of("password"), List.of(), Set.of(), Set.of()));

        assertThatThrownBy(() -> only(clients)).hasMessageContaining("unsupported grant types [password]");
    }

    private RegisteredClient only(Map<String, Client> clients) {
        IdentityProperties properties = new IdentityProperties(
                URI.create("http://localhost:9000"), null, Duration.ofMinutes(15), Map.of(), clients);
        return RegisteredClients.of(properties, encoder).getFirst();
    }
}
