package io.chronoflow.engine.scheduling;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/runs/{id}}: one run with its activity timeline and shard summary. */
@RestController
@RequestMapping("/api/v1/runs")
public class RunsController {

    private final JobCatalog catalog;

    public RunsController(JobCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/{id}")
    public RunDetail get(@PathVariable String id) {
        return catalog.run(id);
    }
}
