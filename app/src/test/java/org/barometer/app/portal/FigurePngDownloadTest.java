package org.barometer.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The portal's PNG download of each figure, over HTTP from a running server, in both languages. */
class FigurePngDownloadTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void publish() throws Exception {
        server.publishDemo();
    }

    @Test
    void everyChartTypeDownloadsAsAPngTwiceTheSvgsSizeInItsColours() throws Exception {
        Path shots = Path.of(System.getProperty("screenshotDir", "target-screenshots"));
        Files.createDirectories(shots);
        WebClient client = server.client();
        // the first figure of each chart type the edition uses
        Map<String, String> figureOfType = new TreeMap<>();
        for (JsonNode item : JSON.readTree(client.get("/api/figures").body()).path("figures")) {
            String chart = JSON.readTree(client.get(item.path("href").asText()).body()).path("chart").asText();
            figureOfType.putIfAbsent(chart, item.path("id").asText());
        }
        assertThat(figureOfType).containsOnlyKeys("bars", "grouped_bars", "stacked", "diverging");
        for (Map.Entry<String, String> figure : figureOfType.entrySet()) {
            byte[] english = null;
            for (String lang : List.of("en", "da")) {
                String place = figure.getValue() + " (" + lang + ")";
                String base = "/portal/figures/" + figure.getValue();
                WebClient.Download png = client.download(base + "/chart.png?lang=" + lang);
                assertThat(png.status()).as(place).isEqualTo(200);
                assertThat(png.header("Content-Type")).as(place).hasValue("image/png");
                assertThat(png.header("Content-Disposition")).as(place)
                        .hasValue("attachment; filename=\"" + figure.getValue() + "-" + lang + ".png\"");
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
                assertThat(image).as(place).isNotNull();

                Element svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(client.get(base + "/chart.svg?lang=" + lang).body()
                                .getBytes(StandardCharsets.UTF_8))).getDocumentElement();
                assertThat(image.getWidth()).as(place).isEqualTo(2 * Integer.parseInt(svg.getAttribute("width")));
                assertThat(image.getHeight()).as(place).isEqualTo(2 * Integer.parseInt(svg.getAttribute("height")));
                Set<String> fills = new HashSet<>();
                NodeList rects = svg.getElementsByTagName("rect");
                for (int k = 0; k < rects.getLength(); k++) {
                    fills.add(((Element) rects.item(k)).getAttribute("fill"));
                }
                assertThat(fills).as(place).isNotEmpty();
                assertThat(colours(image)).as("%s: the SVG's bar colours in the PNG", place).containsAll(fills);

                if (lang.equals("en")) {
                    english = png.body();
                } else {
                    assertThat(png.body()).as("%s: Danish and English differ", place).isNotEqualTo(english);
                    Files.write(shots.resolve("png-" + figure.getKey() + ".png"), png.body());
                }
            }
        }
    }

    @Test
    void theFigurePageLinksThePngAndAnUnknownFigureHasNone() {
        WebClient da = server.client().language("da");
        assertThat(da.get("/portal/themes/technology?lang=da").body())
                .contains("<a href=\"/portal/figures/technology-part/chart.png?lang=da\">PNG</a>");
        assertThat(server.client().download("/portal/figures/no-such-figure/chart.png?lang=en").status()).isEqualTo(404);
    }

    /** Every colour in the image, as "#rrggbb". */
    static Set<String> colours(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        Set<String> hex = new HashSet<>();
        Arrays.stream(pixels).map(rgb -> rgb & 0xffffff).distinct().forEach(rgb -> hex.add(String.format("#%06x", rgb)));
        return hex;
    }
}
