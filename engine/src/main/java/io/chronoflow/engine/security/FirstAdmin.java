package io.chronoflow.engine.security;

import io.chronoflow.engine.config.ChronoflowProperties;
import java.io.PrintStream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
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
        String userId = properties.admin().user();
        ensureAdminGroup(identity, engine.getAuthorizationService());
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
        identity.createMembership(userId, Groups.CAMUNDA_ADMIN);
        log.info("created admin user '{}'", userId);
        if (password.generated()) {
            // The operator must see it once; it goes to the console, not to the log stream.
            console.printf(
                    "%n  Chronoflow admin user: %s%n  generated password:    %s%n  (stored in %s; set CHRONOFLOW_ADMIN_PASSWORD to choose one)%n%n",
                    userId, password.value(), password.file().toAbsolutePath());
            log.info("generated the admin password and stored it in {}", password.file());
        }
    }

    private static void ensureAdminGroup(IdentityService identity, AuthorizationService authorizations) {
        if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
            Group group = identity.newGroup(Groups.CAMUNDA_ADMIN);
            group.setName("Camunda BPM Administrators");
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            identity.saveGroup(group);
        }
        for (Resources resource : Resources.values()) {
            boolean granted = authorizations
                            .createAuthorizationQuery()
                            .groupIdIn(Groups.CAMUNDA_ADMIN)
                            .resourceType(resource)
                            .resourceId(Authorization.ANY)
                            .count()
                    > 0;
            if (!granted) {
                Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(Groups.CAMUNDA_ADMIN);
                all.setResource(resource);
                all.setResourceId(Authorization.ANY);
                all.addPermission(Permissions.ALL);
                authorizations.saveAuthorization(all);
            }
        }
    }
}
