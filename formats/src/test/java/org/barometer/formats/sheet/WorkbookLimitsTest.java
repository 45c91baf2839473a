package org.barometer.formats.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class WorkbookLimitsTest {

    /** An archive whose one entry inflates to {@code bytes} zero bytes. */
    static byte[] zipOfZeros(long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < bytes; written += zeros.length) {
                zip.write(zeros, 0, (int) Math.min(zeros.length, bytes - written));
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void anArchiveThatInflatesPastTheLimitIsRefusedWithoutInflatingItAll() throws IOException {
        byte[] bomb = zipOfZeros(64L << 20);
        assertThat(bomb.length).isLessThan(1 << 20);
        WorkbookLimits limits = new WorkbookLimits(8L << 20, 100);
        assertThatThrownBy(() -> limits.checkUnpackedSize(bomb))
                .isInstanceOfSatisfying(WorkbookLimits.TooLargeException.class, e -> {
                    assertThat(e.limit()).isEqualTo(WorkbookLimits.TooLargeException.Limit.UNPACKED_BYTES);
                    assertThat(e.shownValue()).isEqualTo(8);
                });
    }

    @Test
    void anArchiveWithinTheLimitPasses() throws IOException {
        byte[] small = zipOfZeros(1L << 20);
        assertThatCode(() -> new WorkbookLimits(8L << 20, 100).checkUnpackedSize(small)).doesNotThrowAnyException();
    }

    @Test
    void aFileThatIsNoArchiveIsLeftToTheReader() {
        assertThatCode(() -> WorkbookLimits.QUESTIONNAIRE.checkUnpackedSize("type,name\n".getBytes()))
                .doesNotThrowAnyException();
    }

    @Test
    void rowsPastTheLimitAreRefused() throws WorkbookLimits.TooLargeException {
        WorkbookLimits limits = new WorkbookLimits(1 << 20, 3);
        limits.checkRows(3);
        assertThatThrownBy(() -> limits.checkRows(4))
                .isInstanceOfSatisfying(WorkbookLimits.TooLargeException.class,
                        e -> assertThat(e.limit()).isEqualTo(WorkbookLimits.TooLargeException.Limit.ROWS));
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new WorkbookLimits(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
