package io.chronoflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.testkit.CommandLineTool;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pictures of the example diagrams in docs/images can always be made again: tools/diagram-render (bpmn-js in
 * Debian's headless Chromium, pinned by its npm lock file) renders every model in bpmn/ to a PNG with something drawn on
 * it, and the modeling guide shows each example's committed picture. Regenerate the committed ones with {@code cd
 * tools/diagram-render && npm ci && npm run render}.
 */
class DiagramPicturesTest {

    private static final Path RENDER =
            Path.of("..", "tools", "diagram-render").toAbsolutePath().normalize();
    private static final Path MODELS = Path.of("..", "bpmn").toAbsolutePath().normalize();
    private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
    private static final CommandLineTool NODE = new CommandLineTool("node", "nodejs");

    @BeforeAll
    static void installBpmnJsAndPlaywright() {
        CommandLineTool.Result install =
                new CommandLineTool("npm", "npm").run(RENDER, "ci", "--no-audit", "--no-fund", "--loglevel=error");
        assertThat(install.exitCode()).as(install.output()).isZero();
    }

    @Test
    void everyExampleDiagramRendersToAPicture() throws IOException {
        Path out = Path.of("target", "diagram-pictures").toAbsolutePath();

        CommandLineTool.Result render = NODE.run(RENDER, "render.mjs", out.toString(), MODELS.toString());

        // A missing Chromium is named with its Debian package in the output.
        assertThat(render.exitCode()).as(render.output()).isZero();
        List<String> examples = examples();
        assertThat(examples).contains("sharded-sync", "order-settlement");
        for (String example : examples) {
            assertThat(render.output()).contains("rendered: " + example + ".png");
            assertDrawn(out.resolve(example + ".png"));
        }
    }

    @Test
    void theModelingGuideShowsEveryExampleDiagram() throws IOException {
        String guide = Files.readString(DOCS.resolve("modeling-guide.md"));
        for (String example : examples()) {
            assertThat(guide).contains("](images/" + example + ".png)");
            assertDrawn(DOCS.resolve("images").resolve(example + ".png"));
        }
    }

    @Test
    void withoutChromiumTheRendererNamesTheDebianPackage() {
        CommandLineTool.Result render = NODE.run(
                RENDER,
                Map.of("CHROMIUM", "/nonexistent/chromium"),
                "render.mjs",
                Path.of("target", "no-pictures").toAbsolutePath().toString(),
                MODELS.toString());

        assertThat(render.exitCode()).isEqualTo(2);
        assertThat(render.output()).contains("apt-get install chromium");
    }

    private static List<String> examples() throws IOException {
        try (var files = Files.list(MODELS)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".bpmn"))
                    .map(name -> name.substring(0, name.length() - ".bpmn".length()))
                    .sorted()
                    .toList();
        }
    }

    /** A PNG of a diagram's size with a drawing on it: not blank, not a sliver. */
    private static void assertDrawn(Path png) throws IOException {
        assertThat(png).isNotEmptyFile();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("%s is not a PNG", png).isNotNull();
        assertThat(image.getWidth()).as("width of %s", png).isGreaterThan(200);
        assertThat(image.getHeight()).as("height of %s", png).isGreaterThan(100);
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                int brightness = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                if (brightness < 3 * 128) {
                    dark++;
                }
            }
        }
        assertThat(dark).as("dark pixels (lines and text) in %s", png).isGreaterThan(500);
    }
}
