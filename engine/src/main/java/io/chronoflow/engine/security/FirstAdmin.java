package io.chronoflow.engine.security;

import io.chronoflow.engine.config.ChronoflowProperties;
import java.io.PrintStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator when the engine database has no user of that id: a member of Camunda's {@code
 * camunda-admin} group, which is granted every permission on every resource. An existing user is left alone, so a
 * password changed later in the Admin webapp survives restarts.
 */
@Component
public class FirstAdmin extends AbstractCamundaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final ChronoflowProperties properties;
    private final PrintStream console;

    @Autowired
    public FirstAdmin(ChronoflowProperties properties) {
        this(properties, System.out);
    }

    FirstAdmin(ChronoflowProperties properties, PrintStream console) {
        this.properties = properties;
        this.console = console;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        RoleGroups.ensure(identity, engine.getAuthorizationService());
        createAdmin(identity);
        UserAccounts accounts = new UserAccounts(identity);
        for (ChronoflowProperties.UserEntry entry : properties.users()) {
            Roles role = Roles.of(entry.role());
            if (accounts.exists(entry.id())) {
                accounts.setRole(entry.id(), role);
                continue;
            }
            if (entry.password() == null || entry.password().length() < 12) {
                throw new IllegalStateException(
                        "chronoflow.users: user '" + entry.id() + "' needs a password of at least 12 characters");
            }
            accounts.create(checkedId(entry.id(), "chronoflow.users[].id"), entry.name(), entry.password(), role);
            log.info("created user '{}' with role {} from configuration", entry.id(), role.id());
        }
    }

    private void createAdmin(IdentityService identity) {
        String userId = checkedId(properties.admin().user(), "chronoflow.admin.user");
        if (identity.createUserQuery().userId(userId).count() > 0) {
            log.info("admin user '{}' exists; its password is managed in the engine", userId);
            return;
        }
        AdminPassword password = AdminPassword.resolve(properties.admin().password(), properties.dataDir());
        User user = identity.newUser(userId);
        user.setFirstName("Chronoflow");
        user.setLastName("Administrator");
        user.setPassword(password.value());
        identity.saveUser(user);
        identity.createMembership(userId, Roles.ADMIN.group());
        log.info("created admin user '{}'", userId);
        if (password.generated()) {
            // The operator must see it once; it goes to the console, not to the log stream.
            console.printf(
                    "%n  Chronoflow admin user: %s%n  generated password:    %s%n  (stored in %s; set CHRONOFLOW_ADMIN_PASSWORD to choose one)%n%n",
                    userId, password.value(), password.file().toAbsolutePath());
            log.info("generated the admin password and stored it in {}", password.file());
        }
    }

    /** The engine accepts letters and digits only as ids; say so before it fails with a generic message. */
    private static String checkedId(String id, String property) {
        if (id == null || !id.matches("[a-zA-Z0-9]{1,64}")) {
            throw new IllegalStateException(property + " must be 1 to 64 letters or digits, was '" + id + "'");
        }
        return id;
    }
}
