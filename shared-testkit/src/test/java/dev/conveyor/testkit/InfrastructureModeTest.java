package dev.conveyor.testkit;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class InfrastructureModeTest {

    @Test
    void defaultsToAutoAndReadsAnyCase() {
        assertThat(InfrastructureMode.parse(null)).isEqualTo(InfrastructureMode.AUTO);
        assertThat(InfrastructureMode.parse(" ")).isEqualTo(InfrastructureMode.AUTO);
        assertThat(InfrastructureMode.parse("Embedded")).isEqualTo(InfrastructureMode.EMBEDDED);
        assertThat(InfrastructureMode.parse("docker")).isEqualTo(InfrastructureMode.DOCKER);
    }

    @Test
    void rejectsAnUnknownModeNamingTheChoices() {
        assertThatIllegalStateException().isThrownBy(() -> InfrastructureMode.parse("kubernetes"))
            .withMessageContaining("kubernetes")
            .withMessageContaining("auto, docker or embedded");
    }

    @Test
    void autoFallsBackToEmbeddedWithoutDocker() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine is available here");
        assertThat(TestInfrastructure.resolve(InfrastructureMode.AUTO)).isEqualTo(InfrastructureMode.EMBEDDED);
    }

    @Test
    void forcingDockerWithoutAnEngineFailsAtOnceWithAClearMessage() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine is available here");
        assertThatIllegalStateException().isThrownBy(() -> TestInfrastructure.resolve(InfrastructureMode.DOCKER))
            .withMessageContaining("no Docker engine")
            .withMessageContaining("CONVEYOR_TEST_INFRA=embedded");
    }
}
