package io.chronoflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronoflow.engine.deployment.ModelOptionsCheck;
import io.chronoflow.engine.dispatch.Routing;
import io.chronoflow.engine.history.JobHistory;
import io.chronoflow.engine.scheduling.Misfire;
import io.chronoflow.engine.scheduling.Overlap;
import io.chronoflow.engine.scheduling.RunSummary;
import io.chronoflow.engine.scheduling.RunTimeouts;
import io.chronoflow.engine.scheduling.TimeZonedTimers;
import io.chronoflow.engine.scheduling.TimerExpressionsCheck;
import io.chronoflow.engine.scheduling.ZonedCycleCalendar;
import io.chronoflow.testkit.CommandLineTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.HtmlUtils;

/**
 * The Modeler element templates in bpmn/element-templates:
 *
 * <ul>
 *   <li>validate against the published Camunda 7 element-templates JSON schema (npm package {@code
 *       @camunda/element-templates-json-schema}, pinned in tools/template-check with its validator, installed by {@code
 *       npm ci} from the lock file), and a broken template does not;
 *   <li>name the options the code reads: every {@code chronoflow.*} option the engine checks at deployment is offered by
 *       a template on the element the engine reads it from (a wrong value there refuses the deployment naming the
 *       option), and every other bound name is one the worker SDK or the engine reads;
 *   <li>offer exactly the values the engine knows in their drop-downs;
 *   <li>make a model that deploys: a process with every template applied as the Modeler applies it (defaults, or a
 *       sample where the field must be filled) deploys on an engine with Chronoflow's parse listeners, and its sharded
 *       task gives each shard the index, total and properties the worker SDK reads.
 * </ul>
 */
class ElementTemplatesTest {

    private static final Path CHECK =
            Path.of("..", "tools", "template-check").toAbsolutePath().normalize();
    private static final Path TEMPLATES =
            Path.of("..", "bpmn", "element-templates").toAbsolutePath().normalize();
    /** Where the code that reads task properties and variables lives. */
    private static final List<Path> READERS =
            List.of(Path.of("..", "workers", "sdk", "src", "main", "java"), Path.of("src", "main", "java"));

    private static final CommandLineTool NODE = new CommandLineTool("node", "nodejs");

    private static final String ROUTING = "chronoflow.routing";
    /** The options the engine reads from models and refuses bad values of at deployment. */
    private static final Set<String> ENGINE_OPTIONS = Set.of(
            TimeZonedTimers.PROPERTY,
            Misfire.PROPERTY,
            Misfire.THRESHOLD,
            Misfire.MAX,
            Overlap.PROPERTY,
            Overlap.QUEUE_MAX,
            RunTimeouts.PROPERTY,
            JobHistory.PROPERTY,
            ROUTING);
    /** The values the engine knows, per option with a fixed set of them. */
    private static final Map<String, Set<String>> ENGINE_VALUES = Map.of(
            Misfire.PROPERTY,
            ids(Misfire.values(), Misfire::id),
            Overlap.PROPERTY,
            ids(Overlap.values(), Overlap::id),
            JobHistory.PROPERTY,
            ids(JobHistory.values(), JobHistory::id),
            ROUTING,
            ids(Routing.values(), Routing::id));

    /** What a modeller types into the fields that have no default and must be filled. */
    private static final Map<String, String> SAMPLES =
            Map.of("camunda:topic", "templates.sample", "chronoflow.http.url", "https://functions.example.com/hook");

    private static final Logger ENGINE_CONTEXT_LOG = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.context");

    private static ProcessEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void installTheSchemaAndValidator() {
        CommandLineTool.Result install =
                new CommandLineTool("npm", "npm").run(CHECK, "ci", "--no-audit", "--no-fund", "--loglevel=error");
        assertThat(install.exitCode()).as(install.output()).isZero();
    }

    /**
     * An in-memory engine with the parse listeners and the cycle calendar that Chronoflow installs (SchedulingPlugin,
     * ModelPolicyPlugin).
     */
    @BeforeAll
    static void startAnEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("templates-" + UUID.randomUUID());
        configuration.setJdbcUrl("jdbc:h2:mem:" + configuration.getProcessEngineName() + ";DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
        calendars.addBusinessCalendar(DurationBusinessCalendar.NAME, new DurationBusinessCalendar());
        calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME, new DueDateBusinessCalendar());
        calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new ZonedCycleCalendar());
        configuration.setBusinessCalendarManager(calendars);
        // A list the engine may add to.
        configuration.setCustomPostBPMNParseListeners(new ArrayList<>(List.<BpmnParseListener>of(
                new TimerExpressionsCheck(), new TimeZonedTimers(), new ModelOptionsCheck())));
        engine = configuration.buildProcessEngine();
        // The refusals this test provokes are expected: the engine need not log each with its stack trace.
        ENGINE_CONTEXT_LOG.setLevel(Level.OFF);
    }

    @AfterAll
    static void stopTheEngine() {
        ENGINE_CONTEXT_LOG.setLevel(null);
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void everyTemplateMatchesTheSchema() throws IOException {
        CommandLineTool.Result check = NODE.run(CHECK, "validate.mjs", TEMPLATES.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        try (var files = Files.list(TEMPLATES)) {
            long templates = files.filter(f -> f.toString().endsWith(".json")).count();
            assertThat(check.output().lines().filter(line -> line.startsWith("valid: ")))
                    .hasSize((int) templates)
                    .contains("valid: scheduled-job.json", "valid: sharded-task.json", "valid: saga-step.json");
        }
    }

    @Test
    void aTemplateWithAnUnknownBindingFails() throws IOException {
        String template = Files.readString(TEMPLATES.resolve("http-task.json"));
        Files.writeString(
                dir.resolve("broken.json"),
                template.replaceFirst("\"type\": \"camunda:property\"", "\"type\": \"camunda:nonsense\""));

        CommandLineTool.Result check = NODE.run(CHECK, "validate.mjs", dir.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.output()).contains("INVALID: broken.json", "binding/type");
    }

    @Test
    void aModelMadeWithEveryTemplateDeploys() {
        String model = TemplatedModel.of(templates(), Map.of());

        assertThatCode(() -> deploy(model)).as(model).doesNotThrowAnyException();
    }

    @Test
    void theShardedTaskHandsEachShardWhatTheWorkerReads() {
        deploy(TemplatedModel.of(templates(), Map.of()));
        String run = "templates-" + UUID.randomUUID();
        engine.getRuntimeService().startProcessInstanceByKey("templated", run);

        List<LockedExternalTask> shards = engine.getExternalTaskService()
                .fetchAndLock(100, "templates-test")
                .topic(SAMPLES.get("camunda:topic"), 60_000)
                .variables("shardIndex", "shardTotal")
                .includeExtensionProperties()
                .businessKey(run)
                .execute();

        // The model's loop cardinality is 4: four external tasks, as the worker SDK fetches them.
        assertThat(shards).hasSize(4).allSatisfy(shard -> {
            assertThat(shard.getActivityId()).isEqualTo("shard");
            assertThat(shard.getVariables().get("shardTotal")).isEqualTo(4);
            assertThat(shard.getExtensionProperties()).containsEntry(ROUTING, "round-robin");
        });
        assertThat(shards.stream().map(s -> s.getVariables().get("shardIndex"))).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void everyEngineOptionIsOfferedWhereTheEngineReadsIt() {
        deploy(TemplatedModel.of(templates(), Map.of())); // with the templates' own values it deploys
        Set<String> refused = new TreeSet<>();
        for (Template template : templates()) {
            for (Binding binding : template.bindings()) {
                if (!binding.type().equals("camunda:property")) {
                    continue;
                }
                String model = TemplatedModel.of(templates(), Map.of(binding, "no-such-value!"));
                try {
                    deploy(model);
                } catch (RuntimeException e) {
                    assertThat(e.getMessage())
                            .as("%s in %s: refused, but not for its own value", binding.name(), template.id())
                            .contains(binding.name());
                    refused.add(binding.name());
                }
            }
        }
        assertThat(refused)
                .as("options the engine checks at deployment, set through a template on the element the engine"
                        + " reads them from")
                .containsExactlyInAnyOrderElementsOf(ENGINE_OPTIONS);
    }

    @Test
    void everyOtherBoundNameIsReadByTheWorkerSdkOrTheEngine() {
        String sources = READERS.stream()
                .flatMap(ElementTemplatesTest::javaFiles)
                .map(ElementTemplatesTest::read)
                .collect(Collectors.joining("\n"));
        List<String> names = templates().stream()
                .flatMap(t -> t.bindings().stream())
                .filter(b -> b.type().equals("camunda:property") || b.type().equals("camunda:inputParameter"))
                .map(Binding::name)
                .filter(name -> !ENGINE_OPTIONS.contains(name))
                .distinct()
                .toList();

        assertThat(names).contains("chronoflow.retries", "chronoflow.error-on-exhausted", "shardIndex");
        for (String name : names) {
            assertThat(sources.contains("\"" + name + "\""))
                    .as("%s is bound by a template but read nowhere in %s", name, READERS)
                    .isTrue();
        }
    }

    @Test
    void theDropDownsOfferTheValuesTheEngineKnows() {
        Map<String, Set<String>> offered = new LinkedHashMap<>();
        for (Template template : templates()) {
            for (JsonNode property : template.json().path("properties")) {
                String name = property.path("binding").path("name").asText();
                if (property.path("type").asText().equals("Dropdown") && ENGINE_VALUES.containsKey(name)) {
                    Set<String> values = new TreeSet<>();
                    property.path("choices")
                            .forEach(c -> values.add(c.path("value").asText()));
                    offered.put(name, values);
                    assertThat(values).contains(property.path("value").asText());
                }
            }
        }
        assertThat(offered)
                .isEqualTo(ENGINE_VALUES.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> new TreeSet<>(e.getValue()))));
    }

    @Test
    void theCompensatedEndMarksTheOutcomeTheJobsApiReports() {
        Template end = templates().stream()
                .filter(t -> t.id().equals("io.chronoflow.saga-compensated-end"))
                .findFirst()
                .orElseThrow();
        Binding outcome = end.bindings().get(0);
        assertThat(outcome.name()).isEqualTo(RunSummary.OUTCOME_PROPERTY);
        assertThat(outcome.value()).isEqualTo(RunSummary.COMPENSATED);
    }

    private static void deploy(String model) {
        engine.getRepositoryService()
                .createDeployment()
                .addString("templated.bpmn", model)
                .deploy();
    }

    private static <E> Set<String> ids(E[] values, Function<E, String> id) {
        return Arrays.stream(values).map(id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Stream<Path> javaFiles(Path root) {
        try {
            return Files.walk(root).filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every template in bpmn/element-templates. */
    static List<Template> templates() {
        ObjectMapper json = new ObjectMapper();
        List<Template> templates = new ArrayList<>();
        try (var files = Files.list(TEMPLATES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = json.readTree(file.toFile());
                for (JsonNode template :
                        root.isArray() ? root : json.createArrayNode().add(root)) {
                    templates.add(new Template(template));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return templates;
    }

    /** One element template as read from its file. */
    record Template(JsonNode json) {
        String id() {
            return json.path("id").asText();
        }

        List<String> appliesTo() {
            List<String> types = new ArrayList<>();
            json.path("appliesTo").forEach(t -> types.add(t.asText()));
            return types;
        }

        List<Binding> bindings() {
            List<Binding> bindings = new ArrayList<>();
            for (JsonNode property : json.path("properties")) {
                JsonNode binding = property.path("binding");
                JsonNode value = property.path("value");
                String text = value.isMissingNode()
                        ? SAMPLES.getOrDefault(binding.path("name").asText(), "")
                        : value.asText();
                if (text.isEmpty()
                        && property.path("constraints").path("notEmpty").asBoolean()) {
                    fail(
                            "%s: %s must be filled and has no default: give ElementTemplatesTest.SAMPLES a value for it",
                            id(), binding.path("name").asText());
                }
                bindings.add(new Binding(
                        id(),
                        binding.path("type").asText(),
                        binding.path("name").asText(),
                        text));
            }
            return bindings;
        }
    }

    /**
     * A property binding of a template with the value the Modeler writes when the template is applied: its default, a
     * sample for a field that must be filled, else empty.
     */
    record Binding(String template, String type, String name, String value) {}

    /**
     * A job modelled with every template: the scheduled job on the process, a timer start event, a sharded task, a saga
     * step with its compensation handler, an HTTP task and the compensated end.
     */
    static final class TemplatedModel {

        /** Which element of the model each template is applied to, and that element's BPMN type. */
        private static final Map<String, String[]> PLACES = Map.of(
                "io.chronoflow.scheduled-job", new String[] {"templated", "bpmn:Process"},
                "io.chronoflow.sharded-task", new String[] {"shard", "bpmn:ServiceTask"},
                "io.chronoflow.saga-step", new String[] {"step", "bpmn:ServiceTask"},
                "io.chronoflow.saga-compensation", new String[] {"undo", "bpmn:ServiceTask"},
                "io.chronoflow.http-task", new String[] {"call", "bpmn:ServiceTask"},
                "io.chronoflow.saga-compensated-end", new String[] {"end", "bpmn:EndEvent"});

        private final Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> properties = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> inputs = new LinkedHashMap<>();

        /** The model, with {@code overrides} in place of the templates' values. */
        static String of(List<Template> templates, Map<Binding, String> overrides) {
            TemplatedModel model = new TemplatedModel();
            for (Template template : templates) {
                String[] place = PLACES.get(template.id());
                assertThat(place)
                        .as("template %s has no place in ElementTemplatesTest.TemplatedModel", template.id())
                        .isNotNull();
                assertThat(template.appliesTo()).contains(place[1]);
                // What the Modeler records on a templated element.
                model.apply(place[0], new Binding(template.id(), "property", "camunda:modelerTemplate", template.id()));
                model.apply(
                        place[0],
                        new Binding(
                                template.id(),
                                "property",
                                "camunda:modelerTemplateVersion",
                                template.json().path("version").asText()));
                for (Binding binding : template.bindings()) {
                    model.apply(place[0], binding, overrides.getOrDefault(binding, binding.value()));
                }
            }
            return model.xml();
        }

        private void apply(String element, Binding binding) {
            apply(element, binding, binding.value());
        }

        private void apply(String element, Binding binding, String value) {
            Map<String, Map<String, String>> target = switch (binding.type()) {
                case "property" -> attributes;
                case "camunda:property" -> properties;
                case "camunda:inputParameter" -> inputs;
                default ->
                    throw new AssertionError(binding.template() + ": binding type " + binding.type()
                            + " is not modelled by ElementTemplatesTest.TemplatedModel");
            };
            target.computeIfAbsent(element, k -> new LinkedHashMap<>()).put(binding.name(), value);
        }

        private String attributes(String element) {
            return attributes.getOrDefault(element, Map.of()).entrySet().stream()
                    .map(a -> " " + a.getKey() + "=\"" + escaped(a.getValue()) + "\"")
                    .collect(Collectors.joining());
        }

        private String extensions(String element) {
            Map<String, String> props = properties.getOrDefault(element, Map.of());
            Map<String, String> params = inputs.getOrDefault(element, Map.of());
            if (props.isEmpty() && params.isEmpty()) {
                return "";
            }
            StringBuilder xml = new StringBuilder("<bpmn:extensionElements>");
            if (!props.isEmpty()) {
                xml.append("<camunda:properties>");
                props.forEach((name, value) -> xml.append(
                        "<camunda:property name=\"%s\" value=\"%s\" />".formatted(escaped(name), escaped(value))));
                xml.append("</camunda:properties>");
            }
            if (!params.isEmpty()) {
                xml.append("<camunda:inputOutput>");
                params.forEach(
                        (name, value) -> xml.append("<camunda:inputParameter name=\"%s\">%s</camunda:inputParameter>"
                                .formatted(escaped(name), escaped(value))));
                xml.append("</camunda:inputOutput>");
            }
            return xml.append("</bpmn:extensionElements>").toString();
        }

        /** {@code value} as XML text or the content of an attribute in double quotes. */
        private static String escaped(String value) {
            return HtmlUtils.htmlEscape(value, "UTF-8");
        }

        private String task(String id, String incoming, String outgoing, String loop) {
            return """
                    <bpmn:serviceTask id="%s"%s>%s
                      <bpmn:incoming>%s</bpmn:incoming><bpmn:outgoing>%s</bpmn:outgoing>%s
                    </bpmn:serviceTask>
                    """.formatted(id, attributes(id), extensions(id), incoming, outgoing, loop);
        }

        String xml() {
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                        xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        id="templated-definitions" targetNamespace="http://chronoflow.io/test">
                      <bpmn:process id="templated" isExecutable="true"%s>%s
                        <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing>
                          <bpmn:timerEventDefinition>
                            <bpmn:timeCycle xsi:type="bpmn:tFormalExpression">0 30 2 * * ?</bpmn:timeCycle>
                          </bpmn:timerEventDefinition>
                        </bpmn:startEvent>
                        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="shard" />
                        %s
                        <bpmn:sequenceFlow id="f2" sourceRef="shard" targetRef="step" />
                        %s
                        <bpmn:boundaryEvent id="stepCompensation" attachedToRef="step">
                          <bpmn:compensateEventDefinition />
                        </bpmn:boundaryEvent>
                        <bpmn:serviceTask id="undo"%s>%s</bpmn:serviceTask>
                        <bpmn:sequenceFlow id="f3" sourceRef="step" targetRef="call" />
                        %s
                        <bpmn:sequenceFlow id="f4" sourceRef="call" targetRef="end" />
                        <bpmn:endEvent id="end"%s>%s<bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
                        <bpmn:association id="stepUndoneBy" associationDirection="One" sourceRef="stepCompensation" targetRef="undo" />
                      </bpmn:process>
                    </bpmn:definitions>
                    """.formatted(
                            attributes("templated"),
                            extensions("templated"),
                            // The shard count is the multi-instance, which templates cannot set (modeling-guide.md).
                            task("shard", "f1", "f2", """
                                    <bpmn:multiInstanceLoopCharacteristics camunda:asyncAfter="true">
                                      <bpmn:loopCardinality>4</bpmn:loopCardinality>
                                    </bpmn:multiInstanceLoopCharacteristics>"""),
                            task("step", "f2", "f3", ""),
                            attributes("undo"),
                            extensions("undo"),
                            task("call", "f3", "f4", ""),
                            attributes("end"),
                            extensions("end"));
        }
    }
}
