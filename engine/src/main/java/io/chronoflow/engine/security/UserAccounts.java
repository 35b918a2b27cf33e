package io.chronoflow.engine.security;

import io.chronoflow.engine.api.ConflictException;
import io.chronoflow.engine.api.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;

/**
 * People's accounts in the engine's identity service, each with one role (the role group it is a member of). Passwords
 * are hashed and salted by the engine. Worker tokens are accounts too but are managed by {@link WorkerTokens}.
 */
public class UserAccounts {

    private final IdentityService identity;

    public UserAccounts(IdentityService identity) {
        this.identity = identity;
    }

    /** An account as listed. */
    public record Account(String id, String name, String role) {}

    public List<Account> list() {
        List<Account> accounts = new ArrayList<>();
        for (User user : identity.createUserQuery().orderByUserId().asc().list()) {
            List<Group> groups =
                    identity.createGroupQuery().groupMember(user.getId()).list();
            if (groups.stream().anyMatch(g -> Roles.WORKER_GROUP.equals(g.getId()))) {
                continue;
            }
            String role = groups.stream()
                    .map(g -> Roles.ofGroup(g.getId()))
                    .flatMap(Optional::stream)
                    .min(Comparator.naturalOrder())
                    .map(Roles::id)
                    .orElse(null);
            String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                            + (user.getLastName() == null ? "" : user.getLastName()))
                    .strip();
            accounts.add(new Account(user.getId(), name, role));
        }
        return accounts;
    }

    /** Creates an account; 409 when the id is taken. */
    public Account create(String id, String name, String password, Roles role) {
        if (exists(id)) {
            throw new ConflictException("user '" + id + "' exists");
        }
        User user = identity.newUser(id);
        user.setFirstName(name == null || name.isBlank() ? id : name.strip());
        user.setPassword(password);
        identity.saveUser(user);
        setRole(id, role);
        return new Account(id, user.getFirstName(), role.id());
    }

    /** Makes {@code role} the account's only role. */
    public void setRole(String id, Roles role) {
        for (Roles other : Roles.values()) {
            boolean member = identity.createUserQuery()
                            .userId(id)
                            .memberOfGroup(other.group())
                            .count()
                    > 0;
            if (other == role && !member) {
                identity.createMembership(id, other.group());
            } else if (other != role && member) {
                identity.deleteMembership(id, other.group());
            }
        }
    }

    /** Deletes an account; the last admin cannot be deleted (409). */
    public void delete(String id) {
        if (!exists(id) || isWorker(id)) {
            throw new NotFoundException("no user '" + id + "'");
        }
        boolean admin = identity.createUserQuery()
                        .userId(id)
                        .memberOfGroup(Roles.ADMIN.group())
                        .count()
                > 0;
        if (admin
                && identity.createUserQuery().memberOfGroup(Roles.ADMIN.group()).count() <= 1) {
            throw new ConflictException("user '" + id + "' is the last admin; make another admin first");
        }
        identity.deleteUser(id);
    }

    public boolean exists(String id) {
        return identity.createUserQuery().userId(id).count() > 0;
    }

    private boolean isWorker(String id) {
        return identity.createUserQuery()
                        .userId(id)
                        .memberOfGroup(Roles.WORKER_GROUP)
                        .count()
                > 0;
    }
}
