package org.barometer.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.barometer.app.access.Role;
import org.barometer.app.access.User;
import org.barometer.app.access.UserStore;
import org.barometer.app.analysis.CodedVariable;
import org.barometer.app.analysis.DerivedVariable;
import org.barometer.app.coding.CodingStore;
import org.barometer.app.coding.FrameCategory;
import org.barometer.app.coding.FrameFile;
import org.jdbi.v3.core.Jdbi;

/**
 * The coding of the demo's open question on technology, done as an office does it, through the coding store the
 * coders' pages use: the coding frame uploaded from its file ({@code coding/tech_description.csv}), a fifth of the
 * answers drawn with a fixed seed to be coded twice blind, two coders and a senior coder. Outside the double-coded
 * sample a coder takes the codes the rules suggest ({@link DemoTechnology#suggest}); inside it each coder codes by
 * hand and now and then slips (one codes a neighbouring category instead, the other adds one), and the senior coder
 * decides every disagreement by the rules' reading. So every final code is the rules' suggestion, which is what the
 * demo computed in memory ({@link DemoSimulation}) reads too.
 */
public final class DemoCoding {
    public static final String QUESTION = "tech_description";
    static final String FRAME_FILE = "coding/tech_description.csv";
    static final double DOUBLE_SHARE = 0.2;
    static final long DOUBLE_SEED = 20_190_402L;
    private static final long SLIP_SEED = 0x5C0DE5L;
    private static final double SLIP = 0.12;
    static final String FIRST_CODER = "demo-coder-1";
    static final String SECOND_CODER = "demo-coder-2";
    static final String SENIOR_CODER = "demo-senior-coder";

    private DemoCoding() {
    }

    /** The frame and what is made of it, read once. */
    private static final class Read {
        static final FrameFile.Result FRAME = readFrame();
        static final CodedVariable VARIABLE = new CodedVariable(QUESTION, FRAME.categories().stream()
                .map(c -> new DerivedVariable.Category(c.code(), Map.of("da", c.labelDa(), "en", c.labelEn()))).toList());
        static final Map<String, String> PARENTS = parents(FRAME.categories());
    }

    /** The demo's coding frame, read and checked as an upload is. */
    static FrameFile.Result frame() {
        return Read.FRAME;
    }

    private static FrameFile.Result readFrame() {
        try (InputStream in = DemoCoding.class.getResourceAsStream("/org/barometer/app/demo/2019/" + FRAME_FILE)) {
            FrameFile.Result read = FrameFile.read("tech_description.csv", in.readAllBytes());
            if (!read.ok()) {
                throw new IllegalStateException("The demo's coding frame has problems: " + read.problems());
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The coded variable the demo's figures read, as an edition whose question is coded with the frame has it. */
    public static CodedVariable variable() {
        return Read.VARIABLE;
    }

    /** An answer's value of the coded variable: the rules' codes with the categories above them. */
    static String codedValue(String answer) {
        return variable().value(DemoTechnology.suggest(answer), Read.PARENTS);
    }

    private static Map<String, String> parents(List<FrameCategory> categories) {
        Map<String, String> parents = new HashMap<>();
        for (FrameCategory c : categories) {
            if (c.parent() != null) {
                parents.put(c.code(), c.parent());
            }
        }
        return parents;
    }

    /**
     * Codes the edition's answers to the technology question, unless its coding has begun already.
     *
     * @return the answers given final codes
     */
    static int code(Jdbi jdbi, long editionId) {
        CodingStore store = new CodingStore(jdbi);
        if (store.currentFrame(editionId, QUESTION).isPresent()) {
            return 0;
        }
        User first = coder(jdbi, FIRST_CODER, "Demo coder 1", Role.CODER);
        User second = coder(jdbi, SECOND_CODER, "Demo coder 2", Role.CODER);
        User senior = coder(jdbi, SENIOR_CODER, "Demo senior coder", Role.SENIOR_CODER);
        FrameFile.Result read = frame();
        CodingStore.Frame frame = store.saveFrame(editionId, QUESTION, true, "tech_description.csv", read.categories(),
                senior.id());
        store.setDoubleShare(editionId, QUESTION, DOUBLE_SHARE, DOUBLE_SEED);
        SplittableRandom slips = new SplittableRandom(SLIP_SEED);
        List<String> codes = frame.codes();
        int finals = 0;
        int k = 0;
        try {
            for (CodingStore.Answer answer : store.answers(editionId, QUESTION)) {
                List<String> suggested = DemoTechnology.suggest(answer.text());
                User coder = k++ % 2 == 0 ? first : second;
                if (!store.isDoubled(editionId, QUESTION, answer.responseId())) {
                    finals += store.code(editionId, QUESTION, answer.responseId(), coder.id(), suggested) ? 1 : 0;
                    continue;
                }
                List<String> byFirst = slips.nextDouble() < SLIP ? neighbour(suggested, codes) : suggested;
                List<String> bySecond = slips.nextDouble() < SLIP ? oneMore(suggested, byFirst, codes) : suggested;
                store.code(editionId, QUESTION, answer.responseId(), first.id(), byFirst);
                boolean agreed = store.code(editionId, QUESTION, answer.responseId(), second.id(), bySecond);
                if (!agreed) {
                    store.adjudicate(editionId, QUESTION, answer.responseId(), senior.id(), suggested);
                }
                finals++;
            }
        } catch (CodingStore.Refused e) {
            throw new IllegalStateException("The demo's coding was refused: " + e.key(), e);
        }
        return finals;
    }

    /** A slip of the first coder: the first code replaced by the next category of the frame not among the codes. */
    private static List<String> neighbour(List<String> codes, List<String> frame) {
        List<String> out = new ArrayList<>(codes);
        int at = frame.indexOf(codes.getFirst());
        for (int step = 1; step < frame.size(); step++) {
            String candidate = frame.get((at + step) % frame.size());
            if (!codes.contains(candidate)) {
                out.set(0, candidate);
                return out;
            }
        }
        return out;
    }

    /**
     * A slip of the second coder: one category more than the rules give, never the first coder's own slip, so that
     * two slips never agree with each other.
     */
    private static List<String> oneMore(List<String> codes, List<String> byFirst, List<String> frame) {
        Set<String> out = new LinkedHashSet<>(codes);
        for (int step = frame.size() - 1; step >= 0; step--) {
            String candidate = frame.get(step);
            if (!out.contains(candidate) && !byFirst.contains(candidate)) {
                out.add(candidate);
                return List.copyOf(out);
            }
        }
        return codes;
    }

    private static User coder(Jdbi jdbi, String username, String name, Role role) {
        UserStore users = new UserStore(jdbi);
        return users.findByUsername(username).orElseGet(() -> users.create(username, name, role,
                // nobody signs in as the demo's coders: a password nobody knows
                java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(24))));
    }
}
