import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.List;

/**
 * Runs HeidelTime (English, news) over many documents in one JVM, so that start-up and the loading
 * of its resources are paid once. Usage: HeidelTimeBatch CONFIG.props MANIFEST.tsv, where each
 * manifest line is "input.txt TAB yyyy-MM-dd TAB output.tml". Prints to stderr the milliseconds spent
 * initializing and processing, as "init_ms N" and "process_ms N".
 */
public class HeidelTimeBatch {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
                Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        long t1 = System.nanoTime();
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        List<String> lines = Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] f = line.split("\t");
            String text = new String(Files.readAllBytes(Paths.get(f[0])), StandardCharsets.UTF_8);
            String timeml = tagger.process(text, day.parse(f[1]));
            Files.write(Paths.get(f[2]), timeml.getBytes(StandardCharsets.UTF_8));
        }
        long t2 = System.nanoTime();
        System.err.println("init_ms " + (t1 - t0) / 1000000);
        System.err.println("process_ms " + (t2 - t1) / 1000000);
    }
}
