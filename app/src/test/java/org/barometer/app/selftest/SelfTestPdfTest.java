package org.barometer.app.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.barometer.app.text.Language;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The self-test's PDF with an embedded font declares PDF/UA-1; on a node without any of the fonts it looks for it
 * falls back to Helvetica, is still tagged and readable, and declares nothing it cannot keep. A long result runs
 * onto more pages, each in the structure's parent tree.
 */
class SelfTestPdfTest {
    static SelfTestResult result(int questions) {
        List<SelfTestResult.QuestionResult> qs = new java.util.ArrayList<>();
        for (int i = 0; i < questions; i++) {
            qs.add(new SelfTestResult.QuestionResult("q" + i, "Question number " + i + " – with an en dash",
                    "Yes", List.of(
                    new SelfTestResult.Row("yes", "Yes", true, new SelfTestResult.Share("61.3", "57.0", "65.4", 0.613),
                            new SelfTestResult.Share("45.2", "44.0", "46.5", 0.452)),
                    new SelfTestResult.Row("no", "No", false, null, new SelfTestResult.Share("54.8", "53.5", "56.0", 0.548))),
                    "Like 61.3 % of the workplaces in \u201cHealth\u201d, you answered \u201cYes\u201d."));
        }
        return new SelfTestResult("health", "Health", "the public sector", qs);
    }

    @Test
    void withAnEmbeddedFontItDeclaresPdfUa() throws Exception {
        Assumptions.assumeTrue(SelfTestPdf.FONTS.stream().anyMatch(Files::isReadable), "no font to embed here");
        try (PDDocument doc = Loader.loadPDF(SelfTestPdf.of(result(2), "Self-test: a title", Language.of("en"), ""))) {
            assertThat(metadata(doc)).contains("<pdfuaid:part>1</pdfuaid:part>").contains("Self-test: a title");
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " "); // cells wrap onto lines
            assertThat(text).contains("61.3 % (57.0\u201365.4 %)").contains("not shown (too few answers)")
                    .contains("\u201cHealth\u201d");
            assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("en-GB");
        }
    }

    @Test
    void withoutAFontItIsStillTaggedAndClaimsNoConformance() throws Exception {
        try (PDDocument doc = Loader.loadPDF(SelfTestPdf.of(result(30), "Self-test", Language.of("en"),
                "/nowhere/no-font.ttf"))) {
            assertThat(metadata(doc)).doesNotContain("pdfuaid");
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
            assertThat(doc.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            for (int p = 0; p < doc.getNumberOfPages(); p++) {
                assertThat(doc.getPage(p).getStructParents()).isEqualTo(p);
                assertThat(doc.getDocumentCatalog().getStructureTreeRoot().getParentTree().getValue(p)).isNotNull();
            }
            assertThat(new PDFTextStripper().getText(doc)).contains("61.3 % (57.0\u201365.4 %)");
        }
    }

    private static String metadata(PDDocument doc) throws Exception {
        return new String(doc.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
    }
}
