# syntax=docker/dockerfile:1
# One image per service: docker build --build-arg SERVICE=order-service -t conveyor/order-service .
# /var/lib/conveyor is the service's own state, for a volume (the identity provider keeps its signing key there).

FROM eclipse-temurin:21-jdk AS build
ARG SERVICE
WORKDIR /src
# Sources only: .dockerignore keeps build output, local data and git metadata out.
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests package -pl "${SERVICE}" -am \
 && cp "${SERVICE}/target/${SERVICE}-"*.jar /app.jar \
 && java -Djarmode=tools -jar /app.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:21-jre
ARG SERVICE
RUN groupadd --system conveyor && useradd --system --gid conveyor --no-create-home conveyor \
 && install -d -o conveyor -g conveyor -m 700 /var/lib/conveyor
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER conveyor
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
