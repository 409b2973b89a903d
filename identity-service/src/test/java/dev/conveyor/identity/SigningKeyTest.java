package dev.conveyor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @TempDir
    Path directory;

    @Test
    void createsTheKeyFileOnFirstStartReadableByItsOwnerOnly() throws Exception {
        Path file = directory.resolve("keys/signing-key.pem");

        RSAKey key = SigningKey.loadOrCreate(file);

        assertThat(file).exists();
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(key.isPrivate()).isTrue();
        assertThat(key.size()).isEqualTo(2048);
        assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
    }

    @Test
    void keepsTheSameKeyAndKeyIdAcrossRestarts() {
        Path file = directory.resolve("signing-key.pem");

        RSAKey first = SigningKey.loadOrCreate(file);
        RSAKey second = SigningKey.loadOrCreate(file);

        assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(second.toPublicJWK()).isEqualTo(first.toPublicJWK());
    }

    @Test
    void generatesANewKeyAtEveryStartWithoutAFile() {
        assertThat(SigningKey.generate().getKeyID()).isNotEqualTo(SigningKey.generate().getKeyID());
    }

    @Test
    void refusesAFileThatIsNotAPrivateKey() throws Exception {
        Path file = Files.writeString(directory.resolve("signing-key.pem"), "not a key");

        assertThatThrownBy(() -> SigningKey.loadOrCreate(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PKCS#8");
    }
}
