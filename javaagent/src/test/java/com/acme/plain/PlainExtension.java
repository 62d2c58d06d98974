package com.acme.plain;

import org.junit.jupiter.api.extension.Extension;

/** An application class whose only supertype belongs to a library. */
public class PlainExtension implements Extension {
  /** Says what it is. */
  public String describe() {
    return "an extension with no span method";
  }
}
