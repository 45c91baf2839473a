package org.barometer.app.coding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dkpro.statistics.agreement.coding.CodingAnnotationStudy;
import org.dkpro.statistics.agreement.coding.CohenKappaAgreement;
import org.dkpro.statistics.agreement.coding.KrippendorffAlphaAgreement;
import org.dkpro.statistics.agreement.distance.NominalDistanceFunction;

/**
 * Agreement between coders of open answers, computed by DKPro Agreement from our codings.
 *
 * <p>References: Cohen, J. (1960), "A coefficient of agreement for nominal scales", Educational and Psychological
 * Measurement 20(1), 37–46; Krippendorff, K. (2011), "Computing Krippendorff's alpha-reliability", Annenberg School
 * for Communication, University of Pennsylvania.
 */
public final class Agreement {
    private Agreement() {
    }

    /** Cohen's kappa of two coders who gave each answer one code. */
    public static Kappa cohenKappa(SingleCodePair pair) {
        List<Object[]> rows = new ArrayList<>();
        for (String answer : pair.answers()) {
            rows.add(new Object[] {pair.first().codes().get(answer), pair.second().codes().get(answer)});
        }
        return cohen(rows);
    }

    /**
     * Cohen's kappa of two coders who may give an answer several codes: on the whole set of codes, and per code of
     * the frame on its presence or absence.
     *
     * <p>Per code this is Cohen's kappa of the 2 × 2 table present/absent, computed by DKPro's Cohen's kappa on a
     * two-category study. DKPro's own {@code CohenKappaAgreement.calculateCategoryAgreement} is not used: it follows
     * Agresti (1992) and pools both coders' marginals (a Fleiss-type kappa), which is not Cohen's kappa of the
     * presence/absence table that coders and R's {@code psych::cohen.kappa} report.
     */
    public static MultiCodeKappa cohenKappa(MultiCodePair pair) {
        List<String> answers = pair.answers();
        List<Object[]> whole = new ArrayList<>();
        for (String answer : answers) {
            whole.add(new Object[] {inFrameOrder(pair.frame(), pair.first().codes().get(answer)),
                    inFrameOrder(pair.frame(), pair.second().codes().get(answer))});
        }
        Map<String, Kappa> byCategory = new LinkedHashMap<>();
        for (String code : pair.frame().codes()) {
            List<Object[]> presence = new ArrayList<>();
            for (String answer : answers) {
                presence.add(new Object[] {pair.first().codes().get(answer).contains(code),
                        pair.second().codes().get(answer).contains(code)});
            }
            byCategory.put(code, cohen(presence));
        }
        return new MultiCodeKappa(cohen(whole), byCategory);
    }

    /**
     * Krippendorff's alpha, nominal, of two or more coders who gave each answer one code, some answers left uncoded
     * by some coders. Answers coded by fewer than two coders carry no information on agreement and do not count.
     *
     * @throws IllegalArgumentException when no answer is coded by two coders
     */
    public static Alpha krippendorffAlpha(CodingTable table) {
        List<SingleCoding> coders = table.coders();
        CodingAnnotationStudy study = new CodingAnnotationStudy(coders.size());
        int pairableAnswers = 0;
        int pairableValues = 0;
        Set<String> pairableCodes = new HashSet<>();
        for (String answer : table.answers()) {
            Object[] row = new Object[coders.size()];
            int given = 0;
            for (int c = 0; c < coders.size(); c++) {
                row[c] = coders.get(c).codes().get(answer);
                given += row[c] == null ? 0 : 1;
            }
            if (given >= 2) {
                pairableAnswers++;
                pairableValues += given;
                for (Object code : row) {
                    if (code != null) {
                        pairableCodes.add((String) code);
                    }
                }
            }
            study.addItemAsArray(row);
        }
        if (pairableAnswers == 0) {
            List<String> names = coders.stream().map(SingleCoding::coder).toList();
            throw new IllegalArgumentException("no answer is coded by two of the coders " + names
                    + ": there is nothing to compare");
        }
        if (pairableCodes.size() == 1) {
            return new Alpha(pairableAnswers, pairableValues, 0, 0, Double.NaN);
        }
        KrippendorffAlphaAgreement alpha = new KrippendorffAlphaAgreement(study, new NominalDistanceFunction());
        double observed = alpha.calculateObservedDisagreement();
        double expected = alpha.calculateExpectedDisagreement();
        return new Alpha(pairableAnswers, pairableValues, observed, expected, 1 - observed / expected);
    }

    /** Cohen's kappa of rows {first coder's category, second coder's category}. */
    private static Kappa cohen(List<Object[]> rows) {
        CodingAnnotationStudy study = new CodingAnnotationStudy(2);
        for (Object[] row : rows) {
            study.addItemAsArray(row);
        }
        if (study.getCategoryCount() == 1) {
            // one category throughout: observed and expected agreement are both 1, and kappa is 0 / 0
            return new Kappa(rows.size(), 1, 1, Double.NaN);
        }
        CohenKappaAgreement kappa = new CohenKappaAgreement(study);
        return new Kappa(rows.size(), kappa.calculateObservedAgreement(), kappa.calculateExpectedAgreement(),
                kappa.calculateAgreement());
    }

    private static List<String> inFrameOrder(CodingFrame frame, Set<String> codes) {
        return frame.codes().stream().filter(codes::contains).toList();
    }
}
