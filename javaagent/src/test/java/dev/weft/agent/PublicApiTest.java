package dev.weft.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What applications and extensions compile against never shows a type they cannot rely on: no
 * public or protected signature of a public Weft type names an internal package of Weft or a
 * library the agent relocates (Jackson, Byte Buddy, OpenTelemetry), whose names differ inside the
 * agent jar.
 */
class PublicApiTest {
  private static final String[] HIDDEN = {
    "dev.weft.internal.",
    "dev.weft.shaded.",
    "com.fasterxml.",
    "net.bytebuddy.",
    "io.opentelemetry."
  };

  private static JavaClasses weft;

  @BeforeAll
  static void importEveryModule() {
    weft =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weft");
  }

  @Test
  void publicSignatures_nameNoInternalOrRelocatedType() {
    codeUnits()
        .that()
        .areDeclaredInClassesThat(api())
        .and(visible())
        .should(exposeNothingHidden())
        .check(weft);
  }

  @Test
  void publicFields_haveNoInternalOrRelocatedType() {
    fields()
        .that()
        .areDeclaredInClassesThat(api())
        .and(visibleField())
        .should(haveNoHiddenType())
        .check(weft);
  }

  private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> api() {
    return com.tngtech.archunit.base.DescribedPredicate.describe(
        "public types of API packages", PublicApiTest::isApi);
  }

  @Test
  void theTraceAndSpanRecords_carryNoConcernOfOneExporter() {
    for (Class<?> type :
        List.of(
            dev.weft.TraceRecord.class, dev.weft.SpanRecord.class, dev.weft.TraceBuilder.class)) {
      org.assertj.core.api.Assertions.assertThat(type.getMethods())
          .extracting(method -> method.getName().toLowerCase(java.util.Locale.ROOT))
          .as(type.getName())
          .noneMatch(name -> name.contains("openai") || name.contains("apikey"));
    }
  }

  /** A public type of a package applications may use: not internal, not the agent's own. */
  private static boolean isApi(JavaClass type) {
    return type.getModifiers().contains(JavaModifier.PUBLIC)
        && !type.getPackageName().startsWith("dev.weft.internal")
        && !type.getPackageName().contains(".internal")
        && !type.getPackageName().startsWith("dev.weft.agent")
        && !type.getPackageName().startsWith("dev.weft.shaded")
        && type.getEnclosingClass().map(PublicApiTest::isApi).orElse(true);
  }

  private static com.tngtech.archunit.base.DescribedPredicate<JavaCodeUnit> visible() {
    return com.tngtech.archunit.base.DescribedPredicate.describe(
        "public or protected", unit -> isVisible(unit.getModifiers()));
  }

  private static com.tngtech.archunit.base.DescribedPredicate<JavaField> visibleField() {
    return com.tngtech.archunit.base.DescribedPredicate.describe(
        "public or protected", field -> isVisible(field.getModifiers()));
  }

  private static boolean isVisible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static ArchCondition<JavaCodeUnit> exposeNothingHidden() {
    return new ArchCondition<>("name no internal or relocated type") {
      @Override
      public void check(JavaCodeUnit unit, ConditionEvents events) {
        List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
        types.add(unit.getReturnType());
        types.addAll(unit.getExceptionTypes());
        for (JavaType type : types) {
          for (JavaClass involved : type.getAllInvolvedRawTypes()) {
            if (hidden(involved)) {
              events.add(
                  SimpleConditionEvent.violated(
                      unit, unit.getFullName() + " names " + involved.getName()));
            }
          }
        }
      }
    };
  }

  private static ArchCondition<JavaField> haveNoHiddenType() {
    return new ArchCondition<>("have no internal or relocated type") {
      @Override
      public void check(JavaField field, ConditionEvents events) {
        for (JavaClass involved : field.getType().getAllInvolvedRawTypes()) {
          if (hidden(involved)) {
            events.add(
                SimpleConditionEvent.violated(
                    field, field.getFullName() + " is of " + involved.getName()));
          }
        }
      }
    };
  }

  private static boolean hidden(JavaClass type) {
    String name = type.getName();
    for (String prefix : HIDDEN) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
