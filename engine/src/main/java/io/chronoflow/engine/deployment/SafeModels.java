package io.chronoflow.engine.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Runs before the engine's own deployers and refuses a deployment whose model files are not well-formed XML, carry a
 * DOCTYPE (the door to external-entity attacks; no BPMN or DMN needs one), or, unless scripts are allowed ({@code
 * chronoflow.security.allow-scripts}), contain a script: a script task, a {@code camunda:script} (listeners,
 * input/output mappings), a condition or expression in a script language ({@code language}, {@code scriptFormat}, a DMN
 * {@code expressionLanguage} other than FEEL or JUEL). A deployed script runs on every engine node with the engine's
 * rights, so it is code execution for whoever may deploy. The engine reports a broken XML file as an internal error
 * (HTTP 500); raised here as a {@link ParseException} it is the caller's fault (HTTP 400) naming the file, line and
 * column, and nothing is deployed.
 */
public class SafeModels implements Deployer {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/";
    private static final Set<String> EXPRESSION_LANGUAGES =
            Set.of("feel", "juel", "feel-scala", "http://www.omg.org/spec/feel/20140401");

    private static final List<String> MODEL_SUFFIXES =
            List.of(".bpmn", ".bpmn20.xml", ".dmn", ".dmn11.xml", ".cmmn", ".cmmn11.xml");

    private final SAXParserFactory factory;
    private final boolean allowScripts;

    /** Refuses scripts. */
    public SafeModels() {
        this(false);
    }

    public SafeModels(boolean allowScripts) {
        this.allowScripts = allowScripts;
        try {
            factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser lacks the features needed to check models safely", e);
        }
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (deployment.getResources() == null) {
            return;
        }
        for (ResourceEntity resource : deployment.getResources().values()) {
            checkName(resource.getName());
            if (isModel(resource.getName())) {
                check(resource.getName(), resource.getBytes());
            }
        }
    }

    /**
     * Resource names are stored as given and reach tools that write them to disk (exports, the Modeler): a name must be
     * relative, without {@code ..} segments, backslashes or control characters.
     */
    static void checkName(String name) {
        boolean bad = name == null
                || name.isBlank()
                || name.startsWith("/")
                || name.contains("\\")
                || name.chars().anyMatch(Character::isISOControl)
                || java.util.Arrays.asList(name.split("/")).contains("..");
        if (bad) {
            throw refused(
                    "resource name '%s' must be a relative name without '..' segments, backslashes or control characters"
                            .formatted(name == null ? "" : name.replaceAll("\\p{Cntrl}", "?")),
                    String.valueOf(name));
        }
    }

    static boolean isModel(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return MODEL_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    void check(String name, byte[] content) {
        try {
            SAXParser parser = factory.newSAXParser();
            parser.parse(new ByteArrayInputStream(content), allowScripts ? new DefaultHandler() : new NoScripts(name));
        } catch (SAXParseException e) {
            String why = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "DOCTYPE declarations are not allowed in models"
                    : e.getMessage();
            throw refused(
                    "'%s' is not well-formed XML at line %d, column %d: %s"
                            .formatted(name, e.getLineNumber(), e.getColumnNumber(), why),
                    name);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw refused("'%s' cannot be read as XML: %s".formatted(name, e.getMessage()), name);
        }
    }

    /** Stops at the first script, naming it, its element id and its line. */
    private static final class NoScripts extends DefaultHandler {

        private final String resource;
        private Locator where;

        NoScripts(String resource) {
            this.resource = resource;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.where = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            String what = null;
            if (BPMN.equals(uri) && "scriptTask".equals(localName)) {
                what = "a script task";
            } else if (uri.startsWith(CAMUNDA) && "script".equals(localName)) {
                what = "a camunda:script";
            } else if (attributes.getValue("scriptFormat") != null) {
                what = "a script in " + attributes.getValue("scriptFormat");
            } else if (BPMN.equals(uri) && attributes.getValue("language") != null) {
                what = "an expression in the script language " + attributes.getValue("language");
            } else if (uri.toLowerCase(Locale.ROOT).contains("/dmn")) {
                String language = attributes.getValue("expressionLanguage");
                if (language != null && !EXPRESSION_LANGUAGES.contains(language.toLowerCase(Locale.ROOT))) {
                    what = "an expression in the script language " + language;
                }
            }
            if (what != null) {
                String id = attributes.getValue("id");
                throw refused(
                        "'%s' contains %s (<%s%s> at line %d): scripts are not allowed in models; set chronoflow.security.allow-scripts=true to permit them"
                                .formatted(
                                        resource,
                                        what,
                                        qName,
                                        id == null ? "" : " id=\"" + id + "\"",
                                        where == null ? -1 : where.getLineNumber()),
                        resource);
            }
        }
    }

    private static ParseException refused(String message, String resource) {
        return new ParseException(message, resource, List.of(), List.of());
    }
}
