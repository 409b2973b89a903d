package dev.conveyor.messaging;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

import dev.conveyor.events.Message;
import dev.conveyor.events.MessageType;
import dev.conveyor.events.MessageTypes;

/**
 * Finds the {@link MessageHandler} methods of the application's beans and knows, for each message type, the one
 * method that handles it. A second handler for the same type, or a handler of an unregistered type, stops start-up.
 */
class HandlerRegistry implements BeanPostProcessor {

    private final Map<String, Handler> handlersByCeType = new LinkedHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        Map<Method, MessageHandler> methods = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<MessageHandler>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, MessageHandler.class));
        methods.forEach((method, annotation) -> register(bean, beanName,
                AopUtils.selectInvocableMethod(method, bean.getClass()), annotation.transactional()));
        return bean;
    }

    @SuppressWarnings("unchecked")
    private void register(Object bean, String beanName, Method method, boolean transactional) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean shapeOk = (parameters.length == 1 || (parameters.length == 2 && parameters[1] == MessageMetadata.class))
                && Message.class.isAssignableFrom(parameters[0]);
        if (!shapeOk) {
            throw new IllegalStateException("@MessageHandler " + beanName + "." + method.getName()
                    + " must take a message record and, optionally, MessageMetadata");
        }
        MessageType<?> type = MessageTypes.of((Class<? extends Message>) parameters[0]);
        ReflectionUtils.makeAccessible(method);
        Handler previous = handlersByCeType.putIfAbsent(type.ceType(), new Handler(type, bean, method, transactional));
        if (previous != null) {
            throw new IllegalStateException("Two @MessageHandler methods for " + type.ceType() + ": "
                    + previous.method() + " and " + method);
        }
    }

    Handler forCeType(String ceType) {
        return handlersByCeType.get(ceType);
    }

    Collection<Handler> handlers() {
        return handlersByCeType.values();
    }

    /** The contract topics this service consumes: those of its handled message types. */
    Set<String> consumedTopics() {
        Set<String> topics = new TreeSet<>();
        handlersByCeType.values().forEach(handler -> topics.add(handler.type().topic()));
        return topics;
    }

    /**
     * One handler method and the message type it handles. The method is resolved once, to a handle taking the message
     * and its metadata, so that handling a message costs no reflective call.
     */
    record Handler(MessageType<?> type, Object bean, Method method, boolean transactional, MethodHandle handle) {

        Handler(MessageType<?> type, Object bean, Method method, boolean transactional) {
            this(type, bean, method, transactional, handleFor(bean, method));
        }

        void invoke(Message message, MessageMetadata metadata) {
            try {
                handle.invokeExact(message, metadata);
            }
            catch (RuntimeException | Error ex) {
                throw ex;
            }
            catch (Throwable ex) {
                throw new IllegalStateException(ex);
            }
        }

        /** {@code (Message, MessageMetadata) -> void}, whichever of the two shapes the method has. */
        private static MethodHandle handleFor(Object bean, Method method) {
            try {
                MethodHandle handle = MethodHandles.lookup().unreflect(method).bindTo(bean);
                if (method.getParameterCount() == 1) {
                    handle = MethodHandles.dropArguments(handle, 1, MessageMetadata.class);
                }
                return handle.asType(MethodType.methodType(void.class, Message.class, MessageMetadata.class));
            }
            catch (IllegalAccessException ex) {
                throw new IllegalStateException("@MessageHandler " + method + " cannot be called", ex);
            }
        }
    }
}
