// Apache Avro's own verdicts on the compatibility corpus, for tests/schemas/avroOracle.test.ts.
// Run as a single-file program, one JVM for the whole corpus:
//   java -cp "<avro libs>/*" AvroCompatibilityOracle.java CORPUS.json
// CORPUS.json: {"pairs": [{"name": "...", "old": <Avro schema>, "new": <Avro schema>, ...}, ...]}
// Prints a JSON object: name -> {"backward": bool, "forward": bool}, where backward asks whether the new
// schema reads data written with the old one (SchemaCompatibility.checkReaderWriterCompatibility(new, old))
// and forward the reverse; or name -> {"error": "<class>: <message>"} when Avro refuses the pair.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

public class AvroCompatibilityOracle {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: AvroCompatibilityOracle CORPUS.json");
      System.exit(2);
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode verdicts = json.createObjectNode();
    for (JsonNode pair : json.readTree(new File(args[0])).get("pairs")) {
      ObjectNode verdict = verdicts.putObject(pair.get("name").asText());
      try {
        // Each schema gets its own parser, as two registered versions would.
        Schema older = new Schema.Parser().parse(pair.get("old").toString());
        Schema newer = new Schema.Parser().parse(pair.get("new").toString());
        verdict.put("backward", readable(newer, older));
        verdict.put("forward", readable(older, newer));
      } catch (RuntimeException e) {
        verdict.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(verdicts));
  }

  static boolean readable(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
        == SchemaCompatibilityType.COMPATIBLE;
  }
}
