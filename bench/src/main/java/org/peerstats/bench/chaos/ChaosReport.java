package org.peerstats.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The report of a chaos run, as Markdown: settings, state size, exactness, restart-to-fresh times. */
final class ChaosReport {

    static final String BEGIN = "<!-- chaos-run:begin (written by ./peerstats chaos --docs) -->";
    static final String END = "<!-- chaos-run:end -->";

    private ChaosReport() {
    }

    static String markdown(ChaosRun.Result r) {
        ChaosOptions o = r.options();
        StringBuilder md = new StringBuilder();
        md.append("Run of ").append(r.startedAt().toString(), 0, 16).append("Z, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(ChaosRun.f(r.totalSeconds() / 60)).append(" min in all: `./peerstats chaos --rounds ")
                .append(o.instanceKills()).append(" --broker-holder-kills ").append(o.brokerHolderKills())
                .append(" --broker-restarts ").append(o.brokerRestarts()).append(" --mentors ").append(o.mentors())
                .append(" --preload ").append(o.preloadActivities()).append(" --rate ").append(o.eventsPerSecond())
                .append(" --standby-replicas ").append(o.standbyReplicas());
        o.instanceEnvironment().forEach((k, v) -> md.append(" --env ").append(k).append('=').append(v));
        o.jvmOptions().forEach(option -> md.append(" --jvm-option ").append(option));
        if (o.classDataArchive() == null) {
            md.append(" --no-cds");
        }
        md.append("`.\n\n");

        md.append("**Exactness: ").append(r.exact() ? "exact" : "NOT EXACT").append(".** ");
        md.append(r.failure() != null ? "The run failed before its end checks (below)"
                : r.statsDifferences().isEmpty() ? "Every mentor's numbers (activity, session and distinct-mentee counts, hours, longest streak) "
                + "and earned-badge list totals (with and without revoked) and the organisations' all-time totals equal the reference on both instances"
                : r.statsDifferences().size() + " (instance, mentor) answer(s) differ from the reference");
        if (r.badges() != null) {
            md.append("; a `read_committed` consumer read ").append(r.badges().notifications())
                    .append(" badge notifications for ").append(r.badges().expectedTransitions())
                    .append(" expected transitions: ")
                    .append(r.badges().exact() ? "each exactly once, in order, nothing else"
                            : r.badges().differences().size() + " difference(s)");
        }
        md.append(".\n");
        if (!r.exact()) {
            md.append("\n```\n").append(r.problems()).append("\n```\n");
        }
        md.append('\n');

        ChaosRun.StateSize s = r.state();
        md.append(String.format("State at the end: %,d records (%,d `activity-ledger` entries, %,d `daily-activity` "
                        + "buckets, %,d mentors); state directories %.1f MB (A) and %.1f MB (B). "
                        + "%,d events acknowledged (%,d preloaded; live: %s); %,d sends not acknowledged and sent "
                        + "again.%n%n",
                s.records(), s.ledgerEntries(), s.dayBuckets(), s.mentors(), s.stateDirBytesA() / 1e6,
                s.stateDirBytesB() / 1e6, r.acknowledged(), o.preloadActivities(),
                r.generated().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase().replace('_', ' '))
                        .collect(Collectors.joining(", ")),
                r.failedSends()));
        md.append(String.format("Preload: sent in %.1f s, visible on both instances %.1f s after it began.%n%n",
                r.preloadSeconds(), r.preloadFreshSeconds()));

        md.append("| round kind | rounds | restart → every mentor fresh, p50 / max s | restart → ready, p50 / max s "
                + "| stop, p50 / max s |\n|---|---|---|---|---|\n");
        for (ChaosRun.RoundKind kind : ChaosRun.RoundKind.values()) {
            List<ChaosRun.Round> rounds = r.rounds().stream().filter(x -> x.kind() == kind).toList();
            if (rounds.isEmpty()) {
                continue;
            }
            md.append("| ").append(kind.description).append(" | ").append(rounds.size()).append(" | ")
                    .append(p50max(rounds.stream().map(ChaosRun.Round::freshSeconds).toList())).append(" | ")
                    .append(p50max(rounds.stream().map(ChaosRun.Round::readySeconds).toList())).append(" | ")
                    .append(p50max(rounds.stream().map(ChaosRun.Round::stopSeconds).toList())).append(" |\n");
        }
        List<String> incidents = r.rounds().stream()
                .flatMap(round -> round.incidents().stream().map(i -> "round " + round.index() + ": " + i)).toList();
        if (!incidents.isEmpty()) {
            md.append("\nIncidents (").append(incidents.size()).append("):\n\n");
            incidents.forEach(i -> md.append("- ").append(i).append('\n'));
        }
        md.append("\n<details><summary>Every round</summary>\n\n| # | kind | stop s | ready s | fresh s | incident |\n|---|---|---|---|---|---|\n");
        for (ChaosRun.Round round : r.rounds()) {
            md.append("| ").append(round.index()).append(" | ").append(round.kind().description).append(" | ")
                    .append(ChaosRun.f(round.stopSeconds())).append(" | ").append(ChaosRun.f(round.readySeconds()))
                    .append(" | ").append(round.fresh() ? ChaosRun.f(round.freshSeconds())
                            : "not fresh after " + ChaosRun.f(round.freshSeconds())).append(" | ")
                    .append(round.incidents().isEmpty() ? "" : "global store left open: state wiped, started again")
                    .append(" |\n");
        }
        md.append("\n</details>\n");
        return md.toString();
    }

    /** "p50 / max" of {@code seconds}; the p50 is the lower median. */
    static String p50max(List<Double> seconds) {
        List<Double> sorted = new ArrayList<>(seconds);
        sorted.sort(Double::compare);
        if (sorted.isEmpty()) {
            return "—";
        }
        return ChaosRun.f(sorted.get((sorted.size() - 1) / 2)) + " / " + ChaosRun.f(sorted.get(sorted.size() - 1));
    }

    /** Puts {@code markdown} between the markers of {@code docs}, which must have them. */
    static void intoDocs(Path docs, String markdown) throws IOException {
        String text = Files.readString(docs);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(docs + " has no " + BEGIN + " ... " + END + " section");
        }
        Files.writeString(docs, text.substring(0, begin + BEGIN.length()) + "\n" + markdown + text.substring(end));
    }
}
