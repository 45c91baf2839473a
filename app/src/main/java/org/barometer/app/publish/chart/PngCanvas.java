package org.barometer.app.publish.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Paints a chart with Java2D into a PNG on a white background, at {@link #SCALE} times the layout's size so that
 * it stays sharp when printed or zoomed, in the logical SansSerif font. The figure's title and description go
 * into the PNG's standard "Title" and "Description" text chunks, the image's counterpart of the SVG's
 * {@code <title>} and {@code <desc>}.
 */
final class PngCanvas implements ChartCanvas<byte[]> {

    /** Image pixels per layout pixel. */
    static final int SCALE = 2;

    static {
        // a server has no display; Java2D must not look for one
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The marks in drawing order; painted once {@link #finish} knows the image's size. */
    private final List<Consumer<Graphics2D>> marks = new ArrayList<>();

    @Override
    public void rect(double x, double y, double width, double height, String fill) {
        marks.add(g -> {
            g.setColor(Color.decode(fill));
            g.fill(new Rectangle2D.Double(x, y, width, height));
        });
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Stroke stroke) {
        marks.add(g -> {
            g.setColor(Color.decode(stroke.colour));
            // butt ends, as SVG draws lines; Java2D's default would extend each end by half the width
            g.setStroke(new BasicStroke(stroke.width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            g.draw(new Line2D.Double(x1, y1, x2, y2));
        });
    }

    @Override
    public void text(double x, double y, String text, TextStyle style, Anchor anchor) {
        text(x, y, List.of(text), 0, style, anchor);
    }

    @Override
    public void text(double x, double y, List<String> lines, double lineHeight, TextStyle style, Anchor anchor) {
        marks.add(g -> {
            Font font = new Font(Font.SANS_SERIF, (style.bold ? Font.BOLD : 0) | (style.italic ? Font.ITALIC : 0), style.size);
            g.setFont(font);
            g.setColor(Color.decode(style.colour));
            for (int l = 0; l < lines.size(); l++) {
                String line = lines.get(l);
                double width = font.getStringBounds(line, g.getFontRenderContext()).getWidth();
                double left = switch (anchor) {
                    case START -> x;
                    case MIDDLE -> x - width / 2;
                    case END -> x - width;
                };
                g.drawString(line, (float) left, (float) (y + l * lineHeight));
            }
        });
    }

    /** Groups only matter to a stylesheet; each mark here carries its own look. */
    @Override
    public void beginGroup(Stroke stroke) {
    }

    @Override
    public void endGroup() {
    }

    @Override
    public byte[] finish(int width, int height, String id, String title, String description) {
        BufferedImage image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(SCALE, SCALE);
            marks.forEach(mark -> mark.accept(g));
        } finally {
            g.dispose();
        }
        return encode(image, title, description);
    }

    private static byte[] encode(BufferedImage image, String title, String description) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
            metadata.mergeTree("javax_imageio_png_1.0", textChunks(title, description));
            writer.write(new IIOImage(image, null, metadata));
        } catch (IOException e) {
            throw new UncheckedIOException("The chart could not be written as PNG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** International (UTF-8) text chunks, so that Danish letters and dashes survive. */
    private static IIOMetadataNode textChunks(String title, String description) {
        IIOMetadataNode chunks = new IIOMetadataNode("iTXt");
        chunks.appendChild(textChunk("Title", title));
        chunks.appendChild(textChunk("Description", description));
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(chunks);
        return root;
    }

    private static IIOMetadataNode textChunk(String keyword, String text) {
        IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
        entry.setAttribute("keyword", keyword);
        entry.setAttribute("compressionFlag", "FALSE");
        entry.setAttribute("compressionMethod", "0");
        entry.setAttribute("languageTag", "");
        entry.setAttribute("translatedKeyword", "");
        entry.setAttribute("text", text);
        return entry;
    }
}
