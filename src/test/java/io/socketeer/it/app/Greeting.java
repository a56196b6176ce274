package io.socketeer.it.app;

/** An event argument, mapped by JSON-B both ways. */
public class Greeting {
    private String name;
    private int number;

    public Greeting() {
    }

    public Greeting(String name, int number) {
        this.name = name;
        this.number = number;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getNumber() {
        return number;
    }

    public void setNumber(int number) {
        this.number = number;
    }
}
