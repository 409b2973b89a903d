package dev.conveyor.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA key that signs every token: read from a PEM (PKCS#8) file, created there on first start, or generated
 * in memory. Its key id is its JWK thumbprint, so the same key always has the same {@code kid}.
 */
final class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final int KEY_SIZE = 2048;
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private SigningKey() {}

    /** The key in {@code file}, which is created (readable by its owner only) when it does not exist yet. */
    static RSAKey loadOrCreate(Path file) {
        if (Files.notExists(file)) {
            write(file, generatePrivateKey());
            log.info("Created a signing key in {}", file);
        }
        RSAKey key = toJwk(read(file));
        log.info("Signing tokens with the key in {} (kid {})", file, key.getKeyID());
        return key;
    }

    /** A new key, kept in memory only: tokens it signed are not accepted after a restart. */
    static RSAKey generate() {
        RSAKey key = toJwk(generatePrivateKey());
        log.info("Signing tokens with a key generated at start (kid {}); set conveyor.identity.signing-key-file to keep one",
                key.getKeyID());
        return key;
    }

    private static RSAPrivateCrtKey generatePrivateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    private static RSAPrivateCrtKey read(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            int begin = pem.indexOf(BEGIN);
            int end = pem.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new IllegalStateException(file + " is not a PEM PKCS#8 private key (" + BEGIN + ")");
            }
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
            if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der))
                    instanceof RSAPrivateCrtKey key)) {
                throw new IllegalStateException(file + " holds an RSA key without its public part");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not an RSA private key", e);
        }
    }

    private static void write(Path file, RSAPrivateCrtKey key) {
        String pem = BEGIN + "\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n" + END + "\n";
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".signing-key", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's permissions protect it.
            }
            Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the signing key " + file, e);
        }
    }

    private static RSAKey toJwk(RSAPrivateCrtKey privateKey) {
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint()
                    .build();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("Cannot use the RSA key", e);
        }
    }
}
