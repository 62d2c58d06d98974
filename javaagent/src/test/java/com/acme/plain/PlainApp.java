package com.acme.plain;

/** An application with no Weft annotations or code at all. */
public final class PlainApp {
  private PlainApp() {}

  public static void main(String[] args) {
    String result = new PlainPlanner().plan("tides");
    new Fetcher().notNamed();
    System.out.println("plain done: " + result);
  }
}
