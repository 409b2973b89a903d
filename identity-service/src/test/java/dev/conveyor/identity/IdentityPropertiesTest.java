package dev.conveyor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The shipped application.yml names the accounts and clients; their secrets come from environment variables. */
class IdentityPropertiesTest {

    private static final Map<String, Object> ENVIRONMENT = Map.of(
            "CONVEYOR_IDENTITY_ACCOUNTS_ADA_PASSWORD", "ada-env",
            "CONVEYOR_IDENTITY_ACCOUNTS_GRACE_PASSWORD", "grace-env",
            "CONVEYOR_IDENTITY_ACCOUNTS_OPERATOR_PASSWORD", "operator-env",
            "CONVEYOR_IDENTITY_ACCOUNTS_ADMIN_PASSWORD", "admin-env",
            "CONVEYOR_IDENTITY_CLIENTS_WAREHOUSE_SECRET", "warehouse-env",
            "CONVEYOR_IDENTITY_CLIENTS_TOOLING_SECRET", "tooling-env",
            "CONVEYOR_IDENTITY_CLIENTS_LOADTEST_SECRET", "loadtest-env");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Binding.class);

    @Test
    void bindsTheSecretsFromTheEnvironmentToTheShippedAccountsAndClients() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("environment", ENVIRONMENT)))
                .run(context -> {
                    IdentityProperties properties = context.getBean(IdentityProperties.class);
                    assertThat(properties.accounts()).containsOnlyKeys("ada", "grace", "operator", "admin");
                    assertThat(properties.accounts().get("ada").password()).isEqualTo("ada-env");
                    assertThat(properties.accounts().get("ada").roles()).containsExactly(Role.CUSTOMER);
                    assertThat(properties.accounts().get("admin").roles()).containsExactly(Role.ADMIN);
                    assertThat(properties.clients()).containsOnlyKeys("storefront", "warehouse", "tooling", "loadtest");
                    assertThat(properties.clients().get("storefront").secret()).isNull();
                    assertThat(properties.clients().get("warehouse").secret()).isEqualTo("warehouse-env");
                    assertThat(properties.clients().get("warehouse").roles()).containsExactly(Role.WAREHOUSE);
                });
    }

    @Test
    void doesNotStartWithoutAPassword() {
        Map<String, Object> withoutAda = new HashMap<>(ENVIRONMENT);
        withoutAda.remove("CONVEYOR_IDENTITY_ACCOUNTS_ADA_PASSWORD");

        runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("environment", withoutAda)))
                .run(context -> assertThat(context).getFailure()
                        .rootCause()
                        .hasMessageContaining("conveyor.identity.accounts[ada].password"));
    }

    @EnableConfigurationProperties(IdentityProperties.class)
    static class Binding {}
}
