package dev.weft.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module map of docs/architecture.md, checked over every module the agent bundles: imports go
 * only down, from the agent through the tools, instrumentation and exporters to the trace-file
 * format, the viewer, the runtime (root package included) and the annotations.
 */
class ModuleLayersTest {
  private static final String[] RUNTIME = {
    "dev.weft",
    "dev.weft.capture..",
    "dev.weft.config..",
    "dev.weft.data..",
    "dev.weft.export",
    "dev.weft.internal..",
    "dev.weft.processor.."
  };
  private static final String[] EXPORTERS = {
    "dev.weft.export.files..", "dev.weft.export.openai..", "dev.weft.export.otlp.."
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
  void everyModuleIsImported_soTheRulesAreNotVacuous() {
    for (String type :
        new String[] {
          "dev.weft.annotations.AgentSpan",
          "dev.weft.Tracing",
          "dev.weft.tracefile.TraceJson",
          "dev.weft.viewer.TraceFolderViewer",
          "dev.weft.export.files.JsonFileExporter",
          "dev.weft.export.openai.OpenAiExporter",
          "dev.weft.export.otlp.OtlpExporter",
          "dev.weft.weaver.MethodSpanEngine",
          "dev.weft.instrumentation.langchain4j.LangChain4jInstrumentation",
          "dev.weft.analysis.TraceAnalysis",
          "dev.weft.cli.Main",
          "dev.weft.agent.WeftAgent"
        }) {
      assertThat(weft.contain(type)).as(type).isTrue();
    }
  }

  @Test
  void importsOnlyGoDown() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("annotations")
        .definedBy("dev.weft.annotations..")
        .layer("runtime")
        .definedBy(RUNTIME)
        .layer("trace-file")
        .definedBy("dev.weft.tracefile..")
        .layer("viewer")
        .definedBy("dev.weft.viewer..")
        .layer("exporters")
        .definedBy(EXPORTERS)
        .layer("instrumentation")
        .definedBy("dev.weft.weaver..", "dev.weft.instrumentation..")
        .layer("tools")
        .definedBy("dev.weft.analysis..", "dev.weft.cli..")
        .layer("javaagent")
        .definedBy("dev.weft.agent..")
        .whereLayer("javaagent")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("tools")
        .mayOnlyBeAccessedByLayers("javaagent")
        .whereLayer("instrumentation")
        .mayOnlyBeAccessedByLayers("javaagent")
        .whereLayer("exporters")
        .mayOnlyBeAccessedByLayers("tools", "javaagent")
        .whereLayer("viewer")
        .mayOnlyBeAccessedByLayers("exporters", "tools", "javaagent")
        .whereLayer("trace-file")
        .mayOnlyBeAccessedByLayers("exporters", "tools", "javaagent")
        .whereLayer("runtime")
        .mayOnlyBeAccessedByLayers(
            "trace-file", "exporters", "instrumentation", "tools", "javaagent")
        .check(weft);
  }

  @Test
  void exporters_doNotKnowEachOther() {
    slices()
        .matching("dev.weft.export.(*)..")
        .should()
        .notDependOnEachOther()
        .ignoreDependency(
            com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(
                "dev.weft.export"))
        .check(weft);
  }

  @Test
  void viewer_standsOnItsOwn() {
    noClasses()
        .that()
        .resideInAPackage("dev.weft.viewer..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(RUNTIME)
        .check(weft);
  }

  @Test
  void onlyTheAgentTheAspectAndLibraryAdviceSeeTheirWeavingLibraries() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.weft.agent..", "dev.weft.weaver.aspectj..", "dev.weft.instrumentation..")
        .and()
        .resideInAPackage("dev.weft..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("net.bytebuddy..", "org.aspectj..")
        .check(weft);
    // The advice of library instrumentations is Byte Buddy's, but never AspectJ's.
    noClasses()
        .that()
        .resideInAPackage("dev.weft.instrumentation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.aspectj..")
        .check(weft);
  }

  @Test
  void theRuntimeAndTheAnnotationsCarryNoLibrary() {
    classes()
        .that()
        .resideInAnyPackage(RUNTIME)
        .or()
        .resideInAPackage("dev.weft.annotations..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.weft..")
        .check(weft);
  }
}
