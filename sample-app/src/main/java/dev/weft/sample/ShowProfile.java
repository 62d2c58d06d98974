package dev.weft.sample;

/**
 * The settings of a show.
 *
 * @param name the show's name
 * @param voice the studio voice its episodes are recorded in
 */
public record ShowProfile(String name, String voice) {}
