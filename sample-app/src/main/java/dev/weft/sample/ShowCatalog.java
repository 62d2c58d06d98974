package dev.weft.sample;

import dev.weft.annotations.CustomSpan;
import java.util.Locale;

/** The shows and their published episodes. */
public final class ShowCatalog {
  private int published;

  /** Returns the profile of {@code show}. */
  @CustomSpan(name = "load_show_profile")
  public ShowProfile loadProfile(String show) {
    return new ShowProfile(show, "alloy");
  }

  /** Publishes {@code audio} on the show's page and returns the episode's address. */
  @CustomSpan(name = "publish_episode")
  public synchronized String publish(String show, AudioFile audio) {
    published++;
    return "https://podcasts.example/"
        + show.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        + "/episode-"
        + published;
  }
}
