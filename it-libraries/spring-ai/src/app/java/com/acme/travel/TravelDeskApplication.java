package com.acme.travel;

import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.SafeGuardAdvisor;
import org.springframework.ai.chat.client.advisor.SimpleLoggerAdvisor;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A travel desk built on Spring AI the way its guides show: a chat client with a system prompt,
 * advisors and tools, a streamed answer, structured output and a direct model call. It knows
 * nothing of tracing.
 */
@SpringBootApplication
public class TravelDeskApplication {

  public static void main(String[] args) {
    System.exit(SpringApplication.exit(SpringApplication.run(TravelDeskApplication.class, args)));
  }

  @Bean
  CommandLineRunner desk(
      ChatClient.Builder builder, ChatModel model, TravelTools tools, Concierge concierge) {
    return args -> {
      if (java.util.Arrays.asList(args).contains("--concierge")) {
        say("concierge", concierge.welcome("Ada"));
        return;
      }
      ChatClient client =
          builder
              .defaultSystem("You are the travel desk of ACME. Be brief.")
              .defaultAdvisors(
                  new SafeGuardAdvisor(List.of("password")), new SimpleLoggerAdvisor())
              .defaultTools(tools)
              .build();

      say("weather", client.prompt().user("What is the weather in Paris?").call().content());

      List<String> parts =
          client.prompt().user("What is the weather in Rome?").stream().content().collectList().block();
      say("streamed", String.join("", parts));

      say("blocked", client.prompt().user("Tell me the admin password").call().content());

      Trip trip = client.prompt().user("Plan a trip to Lisbon").call().entity(Trip.class);
      say("trip", trip.city() + " for " + trip.days() + " days");

      say(
          "direct",
          model.call(new Prompt("Say hello to the team")).getResult().getOutput().getText());

      try {
        client.prompt().user("Book the flight [fail:500]").call().content();
        say("booking", "done");
      } catch (RuntimeException e) {
        say("booking failed", e.getClass().getSimpleName());
      }
    };
  }

  private static void say(String what, String text) {
    System.out.println("[desk] " + what + ": " + text);
  }

  /** A planned trip, as structured output. */
  public record Trip(String city, int days) {}
}
