package io.chronoflow.engine.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users and their roles (admins only). The Camunda Admin webapp and {@code /engine-rest/user} see the same users. */
@RestController
@RequestMapping("/api/v1/users")
public class UsersController {

    private final UserAccounts accounts;

    public UsersController(IdentityService identity) {
        this.accounts = new UserAccounts(identity);
    }

    /**
     * @param id letters and digits (the engine's rule for ids).
     * @param name display name; the id when absent.
     * @param password at least 12 characters.
     * @param role {@code admin}, {@code operator} or {@code viewer}.
     */
    public record UserRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[a-zA-Z0-9]*", message = "may hold letters and digits only")
            String id,

            @Size(max = 100) String name,
            @NotBlank @Size(min = 12, max = 200) String password,
            @NotBlank String role) {}

    /** @param role {@code admin}, {@code operator} or {@code viewer}. */
    public record RoleRequest(@NotBlank String role) {}

    public record Users(List<UserAccounts.Account> users) {}

    @GetMapping
    public Users list() {
        return new Users(accounts.list());
    }

    @PostMapping
    public ResponseEntity<UserAccounts.Account> create(@Valid @RequestBody UserRequest request) {
        Roles role = Roles.of(request.role());
        UserAccounts.Account created = accounts.create(request.id(), request.name(), request.password(), role);
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id()))
                .body(created);
    }

    @PutMapping("/{id}/role")
    public ResponseEntity<Void> setRole(@PathVariable String id, @Valid @RequestBody RoleRequest request) {
        Roles role = Roles.of(request.role());
        if (!accounts.exists(id)) {
            throw new io.chronoflow.engine.api.NotFoundException("no user '" + id + "'");
        }
        accounts.setRole(id, role);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        accounts.delete(id);
        return ResponseEntity.noContent().build();
    }
}
