package dev.weft;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inside the runtime, the data model stays below the machinery that moves it, and the runtime uses
 * no library at all. The layering of the modules is checked where they all meet, in the java
 * agent's {@code ModuleLayersTest}.
 */
class ArchitectureTest {
  private static JavaClasses weft;

  @BeforeAll
  static void importClasses() {
    weft =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weft");
  }

  @Test
  void annotations_dependOnNothingButTheJdk() {
    classes()
        .that()
        .resideInAPackage("dev.weft.annotations..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.weft.annotations..")
        .check(weft);
  }

  @Test
  void core_neverDependsOnTheWeavingModulesOrTheirLibraries() {
    noClasses()
        .that()
        .resideInAPackage("dev.weft..")
        .and()
        .resideOutsideOfPackages("dev.weft.weaver..", "dev.weft.agent..", "dev.weft.javaagent..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "net.bytebuddy..",
            "org.aspectj..",
            "dev.weft.weaver..",
            "dev.weft.agent..",
            "dev.weft.javaagent..")
        .check(weft);
  }

  @Test
  void dataAndInternal_neverDependOnExportProcessingOrAnalysis() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.weft.data..", "dev.weft.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.weft.export..", "dev.weft.processor..", "dev.weft.analysis..")
        .check(weft);
  }

  @Test
  void spanData_isPlainDataOnTheJdkAlone() {
    classes()
        .that()
        .resideInAPackage("dev.weft.data..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.weft.data..", "dev.weft.annotations..")
        .check(weft);
  }

  @Test
  void runtime_carriesNoThirdPartyLibrary() {
    classes()
        .that()
        .resideInAPackage("dev.weft..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.weft..")
        .check(weft);
  }

  @Test
  void subpackages_areFreeOfCycles() {
    slices().matching("dev.weft.(*)..").should().beFreeOfCycles().check(weft);
  }

  @Test
  void theRuntimeIsLoaded_soTheRulesAreNotVacuous() {
    org.assertj.core.api.Assertions.assertThat(weft.contain(Tracing.class)).isTrue();
    org.assertj.core.api.Assertions.assertThat(weft.contain(dev.weft.annotations.Sensitive.class))
        .isTrue();
  }
}
