package io.chronoflow.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminPasswordTest {

    @TempDir
    Path dataDir;

    @Test
    void configuredPasswordWinsAndWritesNothing() {
        AdminPassword password = AdminPassword.resolve("s3cret-from-env", dataDir);

        assertThat(password.value()).isEqualTo("s3cret-from-env");
        assertThat(password.generated()).isFalse();
        assertThat(dataDir.resolve(AdminPassword.FILE_NAME)).doesNotExist();
    }

    @Test
    void withoutOneARandomPasswordIsGeneratedAndStoredForTheOwnerOnly() throws Exception {
        AdminPassword first = AdminPassword.resolve(null, dataDir.resolve("nested"));

        assertThat(first.generated()).isTrue();
        assertThat(first.value()).hasSize(24).matches("[A-Za-z0-9_-]+");
        Path file = dataDir.resolve("nested").resolve(AdminPassword.FILE_NAME);
        assertThat(Files.readString(file).strip()).isEqualTo(first.value());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theStoredPasswordIsReusedAndNotShownAgain() {
        AdminPassword first = AdminPassword.resolve("", dataDir);
        AdminPassword second = AdminPassword.resolve("  ", dataDir);

        assertThat(second.value()).isEqualTo(first.value());
        assertThat(second.generated()).isFalse();
    }

    @Test
    void generatedPasswordsDiffer() {
        assertThat(AdminPassword.newPassword()).isNotEqualTo(AdminPassword.newPassword());
    }

    @Test
    void toStringNeverShowsThePassword() {
        AdminPassword password = AdminPassword.resolve("hunter2-long-enough", dataDir);

        assertThat(password.toString()).doesNotContain("hunter2");
    }
}
