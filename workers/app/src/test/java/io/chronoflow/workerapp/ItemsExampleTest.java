package io.chronoflow.workerapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** With its database set, the worker app serves the per-item example and creates its tables there. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:worker-app-items-test;DB_CLOSE_DELAY=-1",
            "chronoflow.example.items.jdbc-url=" + ItemsExampleTest.ITEMS_DB,
            "chronoflow.example.items.user=sa",
            // Nobody listens there: the worker backs off, which this test does not look at.
            "chronoflow.worker.engine-url=http://127.0.0.1:9/engine-rest"
        })
class ItemsExampleTest {

    static final String ITEMS_DB = "jdbc:h2:mem:worker-app-items;DB_CLOSE_DELAY=-1";

    @Autowired
    ApplicationContext context;

    @Test
    void theItemsHandlerIsConfiguredOnItsOwnDatabase() throws Exception {
        assertThat(context.getBeansOfType(ItemsExample.class)).hasSize(1);
        try (Connection c = DriverManager.getConnection(ITEMS_DB, "sa", "");
                ResultSet tables = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
            assertThat(names).contains("items", "item_shard_fence");
        }
    }
}
