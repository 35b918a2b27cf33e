package io.chronoflow.engine.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The first administrator's password: the configured one, else the one stored in {@code admin-password} under the data
 * directory, else a new random one written there with owner-only permissions. There is no default password.
 *
 * @param value the password.
 * @param generated true when this call made it up (it has to be shown to the operator once).
 * @param file where a generated password is kept.
 */
public record AdminPassword(String value, boolean generated, Path file) {

    static final String FILE_NAME = "admin-password";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    public static AdminPassword resolve(String configured, Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (configured != null && !configured.isBlank()) {
            return new AdminPassword(configured, false, file);
        }
        try {
            if (Files.exists(file)) {
                return new AdminPassword(
                        Files.readString(file, StandardCharsets.UTF_8).strip(), false, file);
            }
            String password = newPassword();
            write(file, password);
            return new AdminPassword(password, true, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the admin password file " + file, e);
        }
    }

    static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Path file, String password) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            throw new IOException("another process is creating " + file + "; start again", raced);
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public String toString() {
        return "AdminPassword[generated=" + generated + ", file=" + file + "]";
    }
}
