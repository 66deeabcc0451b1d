// Asks the broker itself, through Kafka's own Admin and Producer clients, what the e2e suite must check.
// Run as a single-file program: java -cp "<kafka libs>/*" BrokerProbe.java COMMAND [ARGS]
//
//   brokers                 number of brokers registered in the cluster
//   topics TOPIC...         JSON: partitions, replication factor, min ISR per partition, and the topic's
//                           non-default configs, for each named topic ("missing": true when absent)
//   acls                    JSON: every ACL binding in the cluster
//   produce TOPIC           writes one record; JSON {"ok": true} or {"ok": false, "error": "<class>: <msg>"}
//   consume TOPIC GROUP     reads from the topic in the group; JSON as for produce
//
// Connection: KAFKA_E2E_BOOTSTRAP, and KAFKA_E2E_USER / KAFKA_E2E_PASSWORD (SCRAM-SHA-512 over SASL_PLAINTEXT).
import java.time.Duration;
import java.util.*;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class BrokerProbe {
  public static void main(String[] args) throws Exception {
    if (args.length == 0) usage();
    switch (args[0]) {
      case "brokers" -> {
        try (Admin admin = Admin.create(connection())) {
          System.out.println(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size());
        }
      }
      case "topics" -> topics(Arrays.copyOfRange(args, 1, args.length));
      case "acls" -> acls();
      case "produce" -> { if (args.length != 2) usage(); produce(args[1]); }
      case "consume" -> { if (args.length != 3) usage(); consume(args[1], args[2]); }
      default -> usage();
    }
  }

  static void usage() {
    System.err.println("usage: BrokerProbe brokers | topics TOPIC... | acls | produce TOPIC | consume TOPIC GROUP");
    System.exit(2);
  }

  static Properties connection() {
    Properties p = new Properties();
    p.put("bootstrap.servers", env("KAFKA_E2E_BOOTSTRAP"));
    p.put("security.protocol", "SASL_PLAINTEXT");
    p.put("sasl.mechanism", "SCRAM-SHA-512");
    p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + env("KAFKA_E2E_USER") + "\" password=\"" + env("KAFKA_E2E_PASSWORD") + "\";");
    p.put("request.timeout.ms", "10000");
    p.put("default.api.timeout.ms", "15000");
    return p;
  }

  static String env(String name) {
    String v = System.getenv(name);
    if (v == null || v.isEmpty()) {
      System.err.println("BrokerProbe: " + name + " is not set");
      System.exit(2);
    }
    return v;
  }

  static void topics(String[] names) throws Exception {
    try (Admin admin = Admin.create(connection())) {
      StringBuilder out = new StringBuilder("{");
      for (int i = 0; i < names.length; i++) {
        String name = names[i];
        if (i > 0) out.append(',');
        out.append(q(name)).append(':');
        TopicDescription d;
        try {
          d = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof UnknownTopicOrPartitionException) { out.append("{\"missing\":true}"); continue; }
          throw e;
        }
        ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, name);
        Config config = admin.describeConfigs(List.of(res)).all().get().get(res);
        out.append("{\"partitions\":").append(d.partitions().size())
            .append(",\"replicationFactor\":").append(d.partitions().get(0).replicas().size())
            .append(",\"minIsr\":").append(d.partitions().stream().mapToInt(p -> p.isr().size()).min().orElse(0))
            .append(",\"configs\":{");
        boolean first = true;
        for (ConfigEntry e : config.entries()) {
          if (e.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) continue;
          if (!first) out.append(',');
          first = false;
          out.append(q(e.name())).append(':').append(q(e.value()));
        }
        out.append("}}");
      }
      System.out.println(out.append('}'));
    }
  }

  static void acls() throws Exception {
    try (Admin admin = Admin.create(connection())) {
      Collection<AclBinding> all = admin.describeAcls(AclBindingFilter.ANY).values().get();
      List<String> rows = new ArrayList<>();
      for (AclBinding b : all) {
        rows.add("{\"principal\":" + q(b.entry().principal())
            + ",\"host\":" + q(b.entry().host())
            + ",\"operation\":" + q(b.entry().operation().name())
            + ",\"permissionType\":" + q(b.entry().permissionType().name())
            + ",\"resourceType\":" + q(b.pattern().resourceType().name())
            + ",\"resourceName\":" + q(b.pattern().name())
            + ",\"patternType\":" + q(b.pattern().patternType().name()) + "}");
      }
      Collections.sort(rows);
      System.out.println("[" + String.join(",", rows) + "]");
    }
  }

  static void produce(String topic) {
    Properties p = connection();
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    p.put("acks", "all");
    // Idempotence needs cluster-level IDEMPOTENT_WRITE or some topic grant; off, a refusal names the topic.
    p.put("enable.idempotence", "false");
    p.put("max.block.ms", "15000");
    p.put("delivery.timeout.ms", "20000");
    p.put("request.timeout.ms", "10000");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer.send(new ProducerRecord<>(topic, "e2e", "{\"probe\":true}")).get(20, TimeUnit.SECONDS);
      System.out.println("{\"ok\":true}");
    } catch (Exception e) {
      System.out.println(failure(e));
    }
  }

  static void consume(String topic, String group) {
    Properties p = connection();
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", StringDeserializer.class.getName());
    p.put("group.id", group);
    p.put("auto.offset.reset", "earliest");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      int records = 0;
      while (records == 0 && System.nanoTime() < deadline) records += consumer.poll(Duration.ofSeconds(1)).count();
      System.out.println(records > 0 ? "{\"ok\":true,\"records\":" + records + "}" : "{\"ok\":false,\"error\":\"no records within 20 s\"}");
    } catch (Exception e) {
      System.out.println(failure(e));
    }
  }

  static String failure(Exception e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t.getClass().getName().endsWith("KafkaException")) && t.getCause() != null) t = t.getCause();
    return "{\"ok\":false,\"error\":" + q(t.getClass().getSimpleName() + ": " + t.getMessage()) + "}";
  }

  static String q(String s) {
    if (s == null) return "null";
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> { if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c); }
      }
    }
    return b.append('"').toString();
  }
}
