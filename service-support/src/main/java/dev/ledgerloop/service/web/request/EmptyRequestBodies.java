package dev.ledgerloop.service.web.request;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/** A request record sent without a body binds as {@code {}}, so that its constraints name what is missing. */
@ControllerAdvice
public class EmptyRequestBodies extends RequestBodyAdviceAdapter {
    private final RequestRecordConverter converter;

    public EmptyRequestBodies(RequestRecordConverter converter) {
        this.converter = converter;
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return converterType == RequestRecordConverter.class;
    }

    @Override
    public Object handleEmptyBody(
            Object body,
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (body != null) {
            return body;
        }
        try {
            return converter.empty(targetType, input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
