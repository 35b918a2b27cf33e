package io.chronoflow.engine.security;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;

/**
 * The engine groups behind the roles and their authorizations, made at every start (missing ones are added, nothing is
 * taken away): {@code camunda-admin} may do everything; {@code operator} may start, suspend and activate runs and
 * jobs and retry their failed jobs; {@code viewer} may read. Deploying and managing users, groups and authorizations
 * is the admin's alone.
 */
final class RoleGroups {

    private static final String ANY = Authorization.ANY;

    private static final Map<Resource, List<Permission>> VIEWER = Map.of(
            Resources.PROCESS_DEFINITION,
            List.of(
                    ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.READ_INSTANCE,
                    ProcessDefinitionPermissions.READ_TASK),
            Resources.PROCESS_INSTANCE,
            List.of(ProcessInstancePermissions.READ),
            Resources.HISTORIC_PROCESS_INSTANCE,
            List.of(HistoricProcessInstancePermissions.READ),
            Resources.DEPLOYMENT,
            List.of(Permissions.READ),
            Resources.DECISION_DEFINITION,
            List.of(Permissions.READ, Permissions.READ_HISTORY),
            Resources.DECISION_REQUIREMENTS_DEFINITION,
            List.of(Permissions.READ),
            Resources.TASK,
            List.of(Permissions.READ),
            Resources.BATCH,
            List.of(Permissions.READ));

    private static final Map<Resource, List<Permission>> OPERATOR = Map.of(
            Resources.PROCESS_DEFINITION,
            List.of(
                    ProcessDefinitionPermissions.CREATE_INSTANCE,
                    ProcessDefinitionPermissions.SUSPEND,
                    ProcessDefinitionPermissions.SUSPEND_INSTANCE,
                    ProcessDefinitionPermissions.UPDATE_INSTANCE,
                    ProcessDefinitionPermissions.RETRY_JOB),
            Resources.PROCESS_INSTANCE,
            List.of(
                    ProcessInstancePermissions.CREATE,
                    ProcessInstancePermissions.UPDATE,
                    ProcessInstancePermissions.SUSPEND,
                    ProcessInstancePermissions.RETRY_JOB));

    /** The webapps a role may open (the Admin webapp is the admin's). */
    private static final List<String> VIEWER_APPS = List.of("cockpit", "tasklist");

    private RoleGroups() {}

    static void ensure(IdentityService identity, AuthorizationService authorizations) {
        for (Roles role : Roles.values()) {
            ensureGroup(identity, role.group(), "Chronoflow " + role.id() + "s");
        }
        ensureGroup(identity, Roles.WORKER_GROUP, "Chronoflow worker credentials");
        for (Resources resource : Resources.values()) {
            grant(authorizations, Groups.CAMUNDA_ADMIN, resource, ANY, List.of(Permissions.ALL));
        }
        for (String group : List.of(Roles.VIEWER.group(), Roles.OPERATOR.group())) {
            VIEWER.forEach((resource, permissions) -> grant(authorizations, group, resource, ANY, permissions));
            for (String app : VIEWER_APPS) {
                grant(authorizations, group, Resources.APPLICATION, app, List.of(Permissions.ACCESS));
            }
        }
        OPERATOR.forEach(
                (resource, permissions) -> grant(authorizations, Roles.OPERATOR.group(), resource, ANY, permissions));
    }

    private static void ensureGroup(IdentityService identity, String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(Groups.CAMUNDA_ADMIN.equals(id) ? "Camunda BPM Administrators" : name);
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            identity.saveGroup(group);
        }
    }

    private static void grant(
            AuthorizationService authorizations,
            String group,
            Resource resource,
            String resourceId,
            List<? extends Permission> permissions) {
        Authorization grant = authorizations
                .createAuthorizationQuery()
                .groupIdIn(group)
                .resourceType(resource)
                .resourceId(resourceId)
                .singleResult();
        if (grant == null) {
            grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(group);
            grant.setResource(resource);
            grant.setResourceId(resourceId);
        } else if (permissions.stream().allMatch(grant::isPermissionGranted)) {
            return;
        }
        permissions.forEach(grant::addPermission);
        authorizations.saveAuthorization(grant);
    }
}
