package dev.weft.sample;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sample's entry point: runs three requests to the podcast service, in two conversations, and
 * prints what happened, one line each.
 *
 * <p>The model is scripted and offline by default. With {@code OPENAI_API_KEY} set, the agents call
 * a real chat-completions endpoint: {@code OPENAI_BASE_URL} (default {@value #DEFAULT_BASE_URL})
 * with the model {@code WEFT_SAMPLE_MODEL} (default {@value #DEFAULT_MODEL}).
 */
public final class SampleApp {
  /** The chat-completions base URL used when {@code OPENAI_BASE_URL} is not set. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  /** The model used when {@code WEFT_SAMPLE_MODEL} is not set. */
  public static final String DEFAULT_MODEL = "gpt-4.1-mini";

  /**
   * The listeners' requests, in order. Ada asks for a second episode in the conversation where she
   * asked for the first, so both requests carry its id, which the workflow records as the traces'
   * group id: the viewer shows them as one session.
   */
  private static final List<Request> REQUESTS =
      List.of(
          new Request(
              "conv-podcast-001",
              "user-456",
              "The history of the Java programming language",
              "ada.listener@example.com",
              "Can I get a transcript of this episode?"),
          new Request(
              "conv-podcast-002",
              "user-789",
              "The home address of our next guest",
              "grace.listener@example.com",
              "When is the next episode out?"),
          new Request(
              "conv-podcast-001",
              "user-456",
              "How garbage collectors find free memory",
              "ada.listener@example.com",
              "How can my company sponsor an episode?"));

  private SampleApp() {}

  /** Runs the sample with the process environment; exits non-zero when a request failed. */
  public static void main(String[] args) {
    int status = run(System.getenv(), System.out);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs every request with the model chosen by {@code env} and reports on {@code out}.
   *
   * @return 0 when every request ended as scripted (a tripped guardrail included), else 1
   */
  static int run(Map<String, String> env, PrintStream out) {
    long started = System.nanoTime();
    ExecutorService workers = Executors.newFixedThreadPool(4, new WorkerThreads());
    try {
      ChatBackend backend = backend(env);
      PodcastWorkflow workflow = workflow(backend, workers);
      out.println("Weft sample: podcast agents on " + backend.describe());
      int failures = 0;
      for (Request request : REQUESTS) {
        if (!request.runOn(workflow, out)) {
          failures++;
        }
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      out.println(REQUESTS.size() + " requests in " + millis + " ms");
      return failures == 0 ? 0 : 1;
    } finally {
      workers.shutdownNow();
    }
  }

  static ChatBackend backend(Map<String, String> env) {
    String apiKey = env.get("OPENAI_API_KEY");
    if (apiKey == null || apiKey.isBlank()) {
      return new ScriptedChatBackend();
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return new OpenAiChatBackend(
        http,
        env.getOrDefault("OPENAI_BASE_URL", DEFAULT_BASE_URL),
        env.getOrDefault("WEFT_SAMPLE_MODEL", DEFAULT_MODEL),
        apiKey.strip());
  }

  private static PodcastWorkflow workflow(ChatBackend backend, ExecutorService workers) {
    LanguageModel model = LanguageModel.shared(backend, workers);
    Orchestrator orchestrator =
        new Orchestrator(
            model,
            new Guardrails(),
            new KeywordAgent(model),
            new PodcastWriterAgent(model, new EpisodeArchive(), workers),
            new AudioStudio());
    return new PodcastWorkflow(
        new ShowCatalog(), orchestrator, new TriageAgent(model), new ListenerSupport(model));
  }

  private record Request(
      String conversationId, String userId, String topic, String listenerEmail, String followUp) {

    /** Runs this request, prints one line, and says whether it ended as scripted. */
    boolean runOn(PodcastWorkflow workflow, PrintStream out) {
      String prefix = "  [" + conversationId + "] \"" + topic + "\": ";
      try {
        EpisodeReport report =
            workflow.produce(conversationId, userId, topic, listenerEmail, followUp);
        Episode episode = report.episode();
        int retries = episode.audioAttempts() - 1;
        out.println(
            prefix
                + episode.keywords().size()
                + " keywords, "
                + episode.script().split("\\s+").length
                + "-word script, recorded"
                + (retries == 0 ? "" : " after " + retries + (retries == 1 ? " retry" : " retries"))
                + ", published at "
                + report.pageUrl()
                + "; follow-up answered by "
                + report.specialist());
        return true;
      } catch (GuardrailTripwireException e) {
        out.println(prefix + "stopped: " + e.getMessage());
        return true;
      } catch (RuntimeException e) {
        out.println(prefix + "failed: " + e);
        return false;
      }
    }
  }

  /** Daemon worker threads, so a stuck model call never keeps the JVM alive. */
  private static final class WorkerThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "podcast-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
