import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.blackout.server.store.Rows.EntityRow;
import org.blackout.server.store.Store;
import org.blackout.pipeline.config.StoreConfig;
import org.blackout.server.store.StoredSignal;

/**
 * Fills a DuckDB store with DAYS days of 5-minute signals for every ISO country (about 250
 * entities, 8640 bins each for 30 days): the size a month of all-countries monitoring has.
 * Synthetic values (a diurnal wave and noise); the API's cost does not depend on them.
 *
 *   java -cp 'cli/target/lib/*' bench/api-load/FillStore.java FILE.duckdb 30
 */
public class FillStore {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        long end = 1419292800L; // 2014-12-23T00:00Z
        long start = end - days * 86400L;
        String[] codes = Locale.getISOCountries();
        Random rnd = new Random(42);
        try (Store store = Store.open(StoreConfig.duckdb(file))) {
            List<EntityRow> entities = new ArrayList<>();
            for (String cc : codes) entities.add(new EntityRow("country:" + cc, "country", Locale.of("", cc).getDisplayCountry(Locale.ENGLISH)));
            store.addEntities(entities, start);
            List<StoredSignal> batch = new ArrayList<>();
            long rows = 0;
            for (long t = start; t < end; t += 300) {
                for (String cc : codes) {
                    double base = 50 + (cc.charAt(0) * 31 + cc.charAt(1)) % 4000;
                    double v = Math.max(0, base * (0.97 + 0.02 * Math.sin(t / 13751.0) + 0.01 * rnd.nextGaussian()));
                    batch.add(new StoredSignal("country:" + cc, t, Math.round(v * 4) / 4.0, (int) (v / 3), 38 + rnd.nextInt(3), 40,
                            rnd.nextInt(30), rnd.nextInt(20), "{\"4837\":0.6,\"3356\":0.4}"));
                }
                if (batch.size() >= 200_000) {
                    store.appendSignals(batch);
                    rows += batch.size();
                    batch.clear();
                }
            }
            store.appendSignals(batch);
            rows += batch.size();
            store.checkpoint("replay", end, "bin_end=" + end);
            System.err.printf("filled %s: %d signals, %d entities, %d days%n", file, rows, codes.length, days);
        }
    }
}
