package org.barometer.app.series;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barometer.app.text.LocalizedText;
import org.barometer.forms.expr.Expression;

/**
 * A family of barometers as its files declare it ({@code family.json} and the aggregate files it names): the
 * series, one per country, with their editions, and the harmonised indicators.
 *
 * @param id         the family's id, e.g. {@code nordic}
 * @param title      its title in each language
 * @param series     its series, in the file's order
 * @param indicators its harmonised indicators, in the file's order
 * @param aggregates the published numbers of editions that do not run on Barometer
 */
public record Family(String id, LocalizedText title, List<Series> series, List<Indicator> indicators,
                     List<Aggregate> aggregates) {

    public Family {
        series = List.copyOf(series);
        indicators = List.copyOf(indicators);
        aggregates = List.copyOf(aggregates);
    }

    /**
     * One country's barometer.
     *
     * @param id          its id within the family, e.g. {@code dk}; the API names an edition {@code dk/2019}
     * @param country     its country, as an ISO 3166-1 alpha-2 code
     * @param title       its title in each language
     * @param owner       who publishes it
     * @param languages   the languages it is published in
     * @param respondents who answers, in words readers need beside any comparison
     * @param sectors     which sectors it covers
     * @param editions    its editions, oldest first
     */
    public record Series(String id, String country, LocalizedText title, String owner, List<String> languages,
                         LocalizedText respondents, LocalizedText sectors, List<Edition> editions) {
        public Series {
            languages = List.copyOf(languages);
            editions = List.copyOf(editions);
        }

        /** The edition with that id. */
        public Optional<Edition> edition(String editionId) {
            return editions.stream().filter(e -> e.id().equals(editionId)).findFirst();
        }
    }

    /**
     * An edition of a series.
     *
     * @param id         its id, unique within its series, e.g. {@code 2019}
     * @param period     the period it measures, as readers know it, e.g. {@code 2018–19}
     * @param editionName the Barometer edition it is (its name in the database), or null when its numbers are
     *                   published aggregates
     * @param synthetic  whether its numbers are made up (a demonstration), which every page showing them says
     */
    public record Edition(String id, String period, String editionName, boolean synthetic) {
        /** Whether its numbers come from microdata on this Barometer. */
        public boolean microdata() {
            return editionName != null;
        }
    }

    /**
     * A harmonised indicator: the share of the workplaces of a base with a property, computed in each edition by
     * that edition's own expressions (wording and answer options change between editions).
     *
     * @param id       its id, e.g. {@code innovating}
     * @param seriesId the series it belongs to, or null for the whole family (a core question)
     * @param name     its short name in each language
     * @param wording  what it measures, in words, in each language
     * @param computed how each edition computes it, by the edition's key ({@code dk/2019}); editions with
     *                 published aggregates have none
     * @param breaks   editions from which on the series is not comparable with the edition before, by key, with
     *                 the note that says why
     */
    public record Indicator(String id, String seriesId, LocalizedText name, LocalizedText wording,
                            Map<String, Computation> computed, Map<String, LocalizedText> breaks) {
        public Indicator {
            computed = Map.copyOf(computed);
            breaks = Map.copyOf(breaks);
        }

        /** Whether the indicator is a core question of the whole family. */
        public boolean core() {
            return seriesId == null;
        }

        /** Whether the indicator applies to a series. */
        public boolean appliesTo(Series s) {
            return core() || seriesId.equals(s.id());
        }
    }

    /**
     * How one edition computes an indicator.
     *
     * @param share       the condition of the workplaces counted (e.g. {@code ${innovated} = 'yes'})
     * @param shareSource its text as written
     * @param among       the condition of the base, or null for every respondent
     * @param amongSource its text as written, or null
     */
    public record Computation(Expression share, String shareSource, Expression among, String amongSource) {
    }

    /**
     * A published number of an edition that does not run on Barometer.
     *
     * @param seriesId  its series
     * @param editionId its edition
     * @param indicator the indicator
     * @param estimate  the share, a fraction in [0, 1]
     * @param lower     the published interval's lower bound, or NaN
     * @param upper     its upper bound, or NaN
     * @param n         the number of respondents it is computed from
     * @param source    where it was published
     * @param file      the file it was read from
     * @param line      the line of that file
     */
    public record Aggregate(String seriesId, String editionId, String indicator, double estimate, double lower,
                            double upper, long n, Source source, String file, int line) {
    }

    /** Where an aggregate was published: by whom, in which table, when, under which licence. */
    public record Source(String publisher, String table, String date, String licence) {
    }

    /** The key of an edition in the family: {@code series/edition}, e.g. {@code dk/2019}. */
    public static String key(Series s, Edition e) {
        return s.id() + "/" + e.id();
    }

    /** The series with that id. */
    public Optional<Series> series(String seriesId) {
        return series.stream().filter(s -> s.id().equals(seriesId)).findFirst();
    }

    /** The indicator with that id. */
    public Optional<Indicator> indicator(String indicatorId) {
        return indicators.stream().filter(i -> i.id().equals(indicatorId)).findFirst();
    }

    /** The aggregate of an edition for an indicator, if the files have one. */
    public Optional<Aggregate> aggregate(Series s, Edition e, Indicator i) {
        return aggregates.stream().filter(a -> a.seriesId().equals(s.id()) && a.editionId().equals(e.id())
                && a.indicator().equals(i.id())).findFirst();
    }
}
