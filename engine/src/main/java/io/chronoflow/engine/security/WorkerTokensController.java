package io.chronoflow.engine.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Issues, lists and revokes worker tokens (admins only). */
@RestController
@RequestMapping("/api/v1/worker-tokens")
public class WorkerTokensController {

    private final WorkerTokens tokens;

    public WorkerTokensController(WorkerTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * @param name what the token is for, e.g. the worker deployment's name.
     * @param topics the topics it may work on; empty or absent for every topic.
     */
    public record TokenRequest(
            @NotBlank
            @Size(max = 100)
            @Pattern(regexp = "[\\w .:-]*", message = "may hold letters, digits, space and . : _ - only")
            String name,

            @Size(max = 100)
            List<@NotBlank @Size(max = 255) @Pattern(regexp = "[^,]*", message = "must not contain a comma") String>
                    topics) {}

    public record Tokens(List<WorkerTokens.TokenView> tokens) {}

    @GetMapping
    public Tokens list() {
        return new Tokens(tokens.list());
    }

    /** The answer holds the token itself: it is shown this once. */
    @PostMapping
    public ResponseEntity<WorkerTokens.IssuedToken> issue(@Valid @RequestBody TokenRequest request) {
        WorkerTokens.IssuedToken issued =
                tokens.issue(request.name().strip(), request.topics() == null ? List.of() : request.topics());
        return ResponseEntity.created(URI.create("/api/v1/worker-tokens/" + issued.id()))
                .body(issued);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> revoke(@PathVariable String id) {
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }
}
