package io.meterkit.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The store module's own package rules, on its compiled main classes: what a host and the query
 * module see ({@code io.meterkit.store}, {@code io.meterkit.store.spi} and {@code
 * io.meterkit.store.kafka}) exposes neither the internals nor fastutil, only the Kafka package uses
 * (the optional) Kafka and its API names no Kafka type, the internals never call back into the
 * facade, and each internal package uses only the ones below it.
 */
@AnalyzeClasses(
    packages = "io.meterkit.store",
    importOptions = ImportOption.DoNotIncludeTests.class)
class StoreArchitectureTest {
  private static final String API = "io.meterkit.store";
  private static final String SPI = "io.meterkit.store.spi";
  private static final String KAFKA = "io.meterkit.store.kafka";
  private static final String INTERNAL = "io.meterkit.store.internal..";

  @ArchTest
  static final ArchRule theApiAndTheSpiExposeNoInternalOrFastutilType =
      classes()
          .that()
          .arePublic()
          .and()
          .resideInAnyPackage(API, SPI, KAFKA)
          .should(exposeOnlyPublicTypes());

  // kafka-clients is optional: a host that does not scale out loads no class that needs it.
  @ArchTest
  static final ArchRule onlyTheKafkaPackageUsesKafka =
      noClasses()
          .that()
          .resideOutsideOfPackage(KAFKA)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.kafka..");

  @ArchTest
  static final ArchRule theKafkaPackageExposesNoKafkaType =
      classes().that().arePublic().and().resideInAPackage(KAFKA).should(exposeNoKafkaType());

  @ArchTest
  static final ArchRule theSpiDependsOnNoInternal =
      noClasses()
          .that()
          .resideInAPackage(SPI)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(INTERNAL);

  @ArchTest
  static final ArchRule theInternalsNeverCallBackIntoTheFacade =
      noClasses()
          .that()
          .resideInAPackage(INTERNAL)
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(MeterStore.class);

  @ArchTest
  static final ArchRule eachInternalPackageUsesOnlyThoseBelowIt =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("api")
          .definedBy(API)
          .layer("kafka")
          .definedBy(KAFKA)
          .layer("durable")
          .definedBy("io.meterkit.store.internal.durable..")
          .layer("snapshot")
          .definedBy("io.meterkit.store.internal.snapshot..")
          .layer("ingest")
          .definedBy("io.meterkit.store.internal.ingest..")
          .layer("log")
          .definedBy("io.meterkit.store.internal.log..")
          .layer("state")
          .definedBy("io.meterkit.store.internal.state..")
          .layer("chunk")
          .definedBy("io.meterkit.store.internal.chunk..")
          .layer("io")
          .definedBy("io.meterkit.store.internal.io..")
          .whereLayer("kafka")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("durable")
          .mayOnlyBeAccessedByLayers("api", "kafka")
          .whereLayer("snapshot")
          .mayOnlyBeAccessedByLayers("durable")
          .whereLayer("ingest")
          .mayOnlyBeAccessedByLayers("durable", "api", "kafka")
          .whereLayer("log")
          .mayOnlyBeAccessedByLayers("ingest", "durable", "api", "kafka")
          .whereLayer("state")
          .mayOnlyBeAccessedByLayers("ingest", "snapshot", "durable", "api", "kafka")
          .whereLayer("chunk")
          .mayOnlyBeAccessedByLayers("state", "ingest", "snapshot")
          .whereLayer("io")
          .mayOnlyBeAccessedByLayers("chunk", "log", "snapshot", "durable", "kafka");

  // Every type a public member's signature names (with its type arguments), and every public
  // supertype, must be neither internal nor fastutil.
  private static ArchCondition<JavaClass> exposeOnlyPublicTypes() {
    return exposeNo("internal or fastutil", StoreArchitectureTest::isHidden);
  }

  // The Kafka package's API is meterkit's own: a host configures it without Kafka's types.
  private static ArchCondition<JavaClass> exposeNoKafkaType() {
    return exposeNo("Kafka", type -> type.getPackageName().startsWith("org.apache.kafka"));
  }

  private static ArchCondition<JavaClass> exposeNo(
      String kind, java.util.function.Predicate<JavaClass> hidden) {
    return new ArchCondition<>("expose no " + kind + " type in a public signature") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        List<JavaType> supertypes = new ArrayList<>(type.getInterfaces());
        type.getSuperclass().ifPresent(supertypes::add);
        for (JavaType supertype : supertypes) {
          report(type.getFullName() + " extends", supertype, type, events);
        }
        for (JavaCodeUnit member : type.getCodeUnits()) {
          if (!isVisible(member.getModifiers())) {
            continue;
          }
          report(member.getFullName() + " returns", member.getReturnType(), member, events);
          for (JavaType parameter : member.getParameterTypes()) {
            report(member.getFullName() + " takes", parameter, member, events);
          }
        }
        for (JavaField field : type.getFields()) {
          if (isVisible(field.getModifiers())) {
            report(field.getFullName() + " is", field.getType(), field, events);
          }
        }
      }

      private void report(String what, JavaType signature, Object where, ConditionEvents events) {
        for (JavaClass named : signature.getAllInvolvedRawTypes()) {
          if (hidden.test(named)) {
            events.add(SimpleConditionEvent.violated(where, what + " " + named.getName()));
          }
        }
      }
    };
  }

  private static boolean isVisible(java.util.Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static boolean isHidden(JavaClass type) {
    return type.getPackageName().startsWith("io.meterkit.store.internal")
        || type.getPackageName().startsWith("it.unimi.dsi");
  }
}
