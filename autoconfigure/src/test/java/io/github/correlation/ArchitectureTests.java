package io.github.correlation;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.properties.HasModifiers;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering rules, per leaf package: {@link #ALLOWED} is the one place that says which
 * of the starter's packages each package may use. The auto-configuration may use every
 * package; no runtime package uses the auto-configuration.
 */
class ArchitectureTests {

	private static final String ROOT = "io.github.correlation";

	/**
	 * Each runtime package, relative to {@value #ROOT} ({@code ""} is the root itself),
	 * and the other packages of the starter it may depend on.
	 */
	private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(Map.entry("", Set.of()),
			Map.entry("w3c", Set.of("")), Map.entry("requestid", Set.of("")), Map.entry("logging", Set.of("internal")),
			Map.entry("logging.events", Set.of("internal")), Map.entry("internal", Set.of()),
			Map.entry("task", Set.of("internal")), Map.entry("web.client", Set.of("internal", "task")),
			Map.entry("web", Set.of("requestid")),
			Map.entry("web.servlet", Set.of("web", "requestid", "audit", "edge")),
			Map.entry("web.reactive", Set.of("web", "task", "requestid", "audit", "edge")),
			Map.entry("audit", Set.of("internal")), Map.entry("edge", Set.of("", "internal")),
			Map.entry("export", Set.of()), Map.entry("conventions", Set.of()),
			Map.entry("kafka", Set.of("kafka.internal")),
			Map.entry("kafka.internal", Set.of("", "w3c", "requestid", "kafka", "audit", "edge", "conventions")));

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	static Stream<String> runtimePackages() {
		return ALLOWED.keySet().stream().sorted();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("runtimePackages")
	void eachRuntimePackageUsesOnlyThePackagesItIsAllowed(String name) {
		Set<String> allowed = Stream.concat(Stream.of(name), ALLOWED.get(name).stream())
			.map(ArchitectureTests::qualified)
			.collect(Collectors.toSet());
		ArchRuleDefinition.classes()
			.that()
			.resideInAPackage(qualified(name))
			.should()
			.onlyDependOnClassesThat(JavaClass.Predicates.resideOutsideOfPackage(ROOT + "..")
				.or(JavaClass.Predicates.resideInAnyPackage(allowed.toArray(String[]::new))))
			.allowEmptyShould(true)
			.check(classes);
	}

	@Test
	void everyPackageIsDeclaredInTheRulesAndSaysWhatItOwns() {
		Set<String> packages = classes.stream()
			.map(JavaClass::getPackageName)
			.filter((name) -> !name.startsWith(ROOT + ".autoconfigure"))
			.map((name) -> name.equals(ROOT) ? "" : name.substring(ROOT.length() + 1))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(ALLOWED.keySet()).containsAll(packages);
		for (String name : packages) {
			assertThat(classes.getPackage(qualified(name)).tryGetPackageInfo()).as("package-info of %s", name)
				.isPresent();
		}
	}

	@Test
	void runtimePackagesDoNotDependOnAutoConfiguration() {
		ArchRuleDefinition.classes()
			.that()
			.resideOutsideOfPackage(ROOT + ".autoconfigure..")
			.should()
			.onlyDependOnClassesThat(JavaClass.Predicates.resideOutsideOfPackage(ROOT + ".autoconfigure.."))
			.check(classes);
	}

	/**
	 * A boundary's {@code internal} package is its implementation, and the two use each
	 * other ({@code KafkaRecordContexts} and the container decoration share the listener
	 * of the batch): they form one slice here, every other package its own.
	 */
	@Test
	void thereAreNoCyclesBetweenBoundaries() {
		SlicesRuleDefinition.slices().assignedFrom(new SliceAssignment() {

			@Override
			public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
				String name = javaClass.getPackageName();
				boolean boundaryInternal = name.endsWith(".internal") && !name.equals(ROOT + ".internal");
				return SliceIdentifier
					.of(boundaryInternal ? name.substring(0, name.length() - ".internal".length()) : name);
			}

			@Override
			public String getDescription() {
				return "packages, each with its internal package";
			}

		}).should().beFreeOfCycles().check(classes);
	}

	@Test
	void runtimeClassesAreFinal() {
		ArchRuleDefinition.classes()
			.that()
			.resideOutsideOfPackage(ROOT + ".autoconfigure..")
			.and()
			.areNotInterfaces()
			.and()
			.areNotRecords()
			.and()
			.areNotEnums()
			.and()
			.areTopLevelClasses()
			.and(DescribedPredicate.not(JavaClass.Predicates.simpleName("package-info")))
			.and(DescribedPredicate.not(HasModifiers.Predicates.modifier(JavaModifier.ABSTRACT)))
			.should()
			.haveModifier(JavaModifier.FINAL)
			.check(classes);
	}

	// A base that several classes of one package share is no extension point
	@Test
	void abstractRuntimeClassesAreNotPublic() {
		ArchRuleDefinition.classes()
			.that()
			.resideOutsideOfPackage(ROOT + ".autoconfigure..")
			.and()
			.areNotInterfaces()
			.and(HasModifiers.Predicates.modifier(JavaModifier.ABSTRACT))
			.should()
			.notBePublic()
			.allowEmptyShould(true)
			.check(classes);
	}

	@Test
	void autoConfigurationsArePublicFinalAndLiveInTheAutoconfigurePackage() {
		ArchRuleDefinition.classes()
			.that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.andShould()
			.resideInAPackage(ROOT + ".autoconfigure")
			.andShould()
			.haveSimpleNameEndingWith("AutoConfiguration")
			.check(classes);
	}

	private static String qualified(String name) {
		return name.isEmpty() ? ROOT : ROOT + "." + name;
	}

}
