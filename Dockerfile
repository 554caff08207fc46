# One image per platform component, from its runnable jar (build the jars first: mvn -B package -DskipTests).
#
#   docker build --build-arg JAR=platform-api/target/platform-api.jar -t paas/platform-api .
#
# BASE_IMAGE is config: any image with a Java >= 21 runtime at /opt/java/openjdk (Eclipse Temurin's
# layout). Where no registry can be reached, bin/lib.sh builds paas/jre:local from Debian packages
# and the local JDK (ensure_java_base_image); docker-compose.yml passes PAAS_JAVA_BASE_IMAGE.
ARG BASE_IMAGE=eclipse-temurin:21-jre
FROM ${BASE_IMAGE}
ARG JAR
COPY ${JAR} /opt/paas/app.jar
ENV PATH=/opt/java/openjdk/bin:$PATH
# The API keeps add-on backups here (PAAS_BACKUP_DIR); docker-compose.yml mounts a volume on it, which
# takes this directory's owner on first use.
RUN mkdir -p /var/lib/paas/backups && chown -R 1000:1000 /var/lib/paas
# Components that drive Docker (agent, builder) are given the socket's group in docker-compose.yml.
USER 1000:1000
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/paas/app.jar"]
