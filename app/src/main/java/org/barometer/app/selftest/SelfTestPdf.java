package org.barometer.app.selftest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDParentTreeValue;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.barometer.app.text.Language;

/**
 * The self-test's result as a PDF, made with Apache PDFBox: the same numbers and sentences as the result page, in
 * the page's language, tagged for assistive technology — a structure tree of headings, paragraphs and tables whose
 * every piece of text is marked content, the document's language and title, the title shown instead of the file
 * name. With an embedded font ({@link #FONT_SETTING}, else the first of {@link #FONTS} the machine has) it declares
 * PDF/UA-1 in its metadata; without one it falls back to Helvetica, still tagged, and declares nothing.
 */
public final class SelfTestPdf {
    /** The setting naming a TrueType font file to embed. */
    public static final String FONT_SETTING = "BAROMETER_PDF_FONT";
    /** Fonts looked for when the setting names none: common open fonts of Linux distributions. */
    static final List<Path> FONTS = List.of(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            Path.of("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
            Path.of("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
            Path.of("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"));

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private final PDDocument doc = new PDDocument();
    private final PDFont font;
    private final boolean embedded;
    private final PDStructureElement root;
    /** Per page: the structure element of each marked-content id, in order (the parent tree). */
    private final List<COSArray> parents = new ArrayList<>();
    private PDPage page;
    private PDPageContentStream out;
    private float y;

    private SelfTestPdf(String fontFile) throws IOException {
        Path file = fontFile == null || fontFile.isBlank() ? FONTS.stream().filter(Files::isReadable).findFirst()
                .orElse(null) : Path.of(fontFile);
        if (file != null && Files.isReadable(file)) {
            font = PDType0Font.load(doc, file.toFile());
            embedded = true;
        } else {
            font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            embedded = false;
        }
        PDStructureTreeRoot tree = new PDStructureTreeRoot();
        doc.getDocumentCatalog().setStructureTreeRoot(tree);
        root = new PDStructureElement(StandardStructureTypes.DOCUMENT, tree);
        tree.appendKid(root);
    }

    /** The result as PDF bytes. */
    public static byte[] of(SelfTestResult result, String title, Language m, String fontFile) {
        try {
            SelfTestPdf pdf = new SelfTestPdf(fontFile);
            return pdf.write(result, title, m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] write(SelfTestResult result, String title, Language m) throws IOException {
        newPage();
        paragraph(root, StandardStructureTypes.H1, title, 18);
        paragraph(root, StandardStructureTypes.P, m.t("selftest.result.lead", result.groupLabel(), result.population()), 10);
        for (SelfTestResult.QuestionResult q : result.questions()) {
            space(14);
            paragraph(root, StandardStructureTypes.H2, q.label(), 13);
            paragraph(root, StandardStructureTypes.P, q.reading(), 10);
            PDStructureElement table = element(root, StandardStructureTypes.TABLE);
            row(table, StandardStructureTypes.TH, List.of(m.t("selftest.result.answer"), m.t("selftest.result.you"),
                    result.groupLabel(), m.t("selftest.result.everyone", result.population())));
            for (SelfTestResult.Row r : q.rows()) {
                row(table, StandardStructureTypes.TD, List.of(r.label(), r.yours() ? m.t("selftest.result.yours") : "",
                        r.group() == null ? m.t("selftest.result.notShown") : r.group().text(m),
                        r.everyone() == null ? m.t("selftest.result.notShown") : r.everyone().text(m)));
            }
        }
        space(14);
        paragraph(root, StandardStructureTypes.P, m.t("selftest.result.note"), 9);
        out.close();
        finish(title, m);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        doc.save(bytes);
        doc.close();
        return bytes.toByteArray();
    }

    /** A heading or paragraph, wrapped to the page's width. */
    private void paragraph(PDStructureElement parent, String type, String text, float size) throws IOException {
        PDStructureElement el = element(parent, type);
        for (String line : wrap(text, size, WIDTH)) {
            if (y - size * 1.4f < MARGIN) {
                newPage();
            }
            y -= size * 1.4f;
            show(el, type, line, MARGIN, y, size);
        }
        y -= size * 0.4f;
    }

    /** A table row of four cells: the answer, whether it is the visitor's, the group's share, everyone's. */
    private void row(PDStructureElement table, String cellType, List<String> cells) throws IOException {
        float size = 9;
        float[] widths = {WIDTH * 0.34f, WIDTH * 0.14f, WIDTH * 0.26f, WIDTH * 0.26f};
        List<List<String>> lines = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < cells.size(); i++) {
            lines.add(wrap(cells.get(i), size, widths[i] - 6));
            height = Math.max(height, lines.get(i).size());
        }
        if (y - height * size * 1.4f < MARGIN) {
            newPage();
        }
        PDStructureElement tr = element(table, StandardStructureTypes.TR);
        float x = MARGIN;
        float top = y;
        for (int i = 0; i < cells.size(); i++) {
            PDStructureElement cell = element(tr, cellType);
            if (cellType.equals(StandardStructureTypes.TH)) {
                COSDictionary attributes = new COSDictionary();
                attributes.setName(COSName.O, "Table");
                attributes.setName(COSName.getPDFName("Scope"), "Column");
                cell.getCOSObject().setItem(COSName.A, attributes);
            }
            float lineY = top;
            for (String line : lines.get(i)) {
                lineY -= size * 1.4f;
                show(cell, cellType, line, x, lineY, size);
            }
            x += widths[i];
        }
        y = top - height * size * 1.4f - 3;
    }

    private PDStructureElement element(PDStructureElement parent, String type) {
        PDStructureElement el = new PDStructureElement(type, parent);
        el.setPage(page);
        parent.appendKid(el);
        return el;
    }

    /** One line of text as marked content of {@code el}, recorded in the page's parent tree. */
    private void show(PDStructureElement el, String type, String text, float x, float at, float size)
            throws IOException {
        if (text.isEmpty()) {
            return;
        }
        COSArray pageParents = parents.getLast();
        int mcid = pageParents.size();
        COSDictionary properties = new COSDictionary();
        properties.setInt(COSName.MCID, mcid);
        out.beginMarkedContent(COSName.getPDFName(type), PDPropertyList.create(properties));
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, at);
        out.showText(printable(text));
        out.endText();
        out.endMarkedContent();
        PDMarkedContent content = new PDMarkedContent(COSName.getPDFName(type), properties);
        el.setPage(page);
        el.appendKid(content);
        pageParents.add(el);
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        page = new PDPage(PDRectangle.A4);
        page.setStructParents(parents.size());
        // PDF/UA: the tab order follows the structure
        page.getCOSObject().setItem(COSName.getPDFName("Tabs"), COSName.S);
        doc.addPage(page);
        parents.add(new COSArray());
        out = new PDPageContentStream(doc, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void space(float points) throws IOException {
        if (y - points < MARGIN + 40) {
            newPage();
        } else {
            y -= points;
        }
    }

    /** The language, title, structure and (with an embedded font) the PDF/UA declaration. */
    private void finish(String title, Language m) throws IOException {
        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        catalog.setLanguage(m.locale().toLanguageTag());
        PDMarkInfo mark = new PDMarkInfo();
        mark.setMarked(true);
        catalog.setMarkInfo(mark);
        PDViewerPreferences preferences = new PDViewerPreferences(new COSDictionary());
        preferences.setDisplayDocTitle(true);
        catalog.setViewerPreferences(preferences);
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("Barometer");
        PDNumberTreeNode tree = new PDNumberTreeNode(PDParentTreeValue.class);
        Map<Integer, COSArray> numbers = new LinkedHashMap<>();
        for (int p = 0; p < parents.size(); p++) {
            numbers.put(p, parents.get(p));
        }
        tree.setNumbers(numbers);
        PDStructureTreeRoot structure = catalog.getStructureTreeRoot();
        structure.setParentTree(tree);
        structure.setParentTreeNextKey(parents.size());
        PDMetadata metadata = new PDMetadata(doc);
        metadata.importXMPMetadata(xmp(title, m.locale().toLanguageTag()).getBytes(StandardCharsets.UTF_8));
        catalog.setMetadata(metadata);
    }

    private String xmp(String title, String lang) {
        String escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li><rdf:li xml:lang="%s">%s</rdf:li></rdf:Alt></dc:title>
                  </rdf:Description>
                %s </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="w"?>""".formatted(escaped, lang, escaped, embedded ? """
                  <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
                   <pdfuaid:part>1</pdfuaid:part>
                  </rdf:Description>
                """ : "");
    }

    /** Lines of at most {@code width} points. */
    private List<String> wrap(String text, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable(text).split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (line.isEmpty() || font.getStringWidth(candidate) / 1000 * size <= width) {
                line.setLength(0);
                line.append(candidate);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** The text with what the font cannot draw replaced by a question mark (only ever with the fallback font). */
    private String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> {
            String s = Character.toString(c == '\u00a0' || c == '\u202f' ? ' ' : c);
            try {
                font.encode(s);
                b.append(s);
            } catch (IOException | IllegalArgumentException e) {
                b.append('?');
            }
        });
        return b.toString();
    }
}
