package io.hindsight.ui;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/** A form page only in the tests, without a backend: what the form parser handed over (values, longest value). */
@io.quarkus.security.Authenticated
@Path("/test-only/form-echo")
public class FormEchoPage {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public String echo(MultivaluedMap<String, String> form) {
        int values = form.values().stream().mapToInt(List::size).sum();
        int longest = form.values().stream().flatMap(List::stream).mapToInt(String::length).max().orElse(0);
        return "values=" + values + " longest=" + longest;
    }
}
