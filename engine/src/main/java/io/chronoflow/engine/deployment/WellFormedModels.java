package io.chronoflow.engine.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Runs before the engine's own deployers and refuses a deployment whose model files are not well-formed XML, or carry
 * a DOCTYPE (the door to external-entity attacks; no BPMN or DMN needs one). The engine reports a broken XML file as an
 * internal error (HTTP 500); raised here as a {@link ParseException} it is the caller's fault (HTTP 400) naming the file,
 * line and column, and nothing is deployed.
 */
public class WellFormedModels implements Deployer {

    private static final List<String> MODEL_SUFFIXES =
            List.of(".bpmn", ".bpmn20.xml", ".dmn", ".dmn11.xml", ".cmmn", ".cmmn11.xml");

    private final SAXParserFactory factory;

    public WellFormedModels() {
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
            if (isModel(resource.getName())) {
                check(resource.getName(), resource.getBytes());
            }
        }
    }

    static boolean isModel(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return MODEL_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    void check(String name, byte[] content) {
        try {
            SAXParser parser = factory.newSAXParser();
            parser.parse(new ByteArrayInputStream(content), new DefaultHandler());
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

    private static ParseException refused(String message, String resource) {
        return new ParseException(message, resource, List.of(), List.of());
    }
}
